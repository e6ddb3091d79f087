package org.caseline.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.caseline.platform.audio.G711;

/**
 * Captures (pcap) of a caller's keypad for SIPp's {@code play_pcap_audio}: one plan of keys per
 * file, each key an RFC 4733 event with its own, later timestamp, sequence numbers rising through
 * the whole file, the end packet sent three times with one sequence number. (SIPp's stock
 * per-digit recordings all share one timestamp, so a receiver that follows RFC 4733 hears a run
 * of them as one key.) Or, for phones without telephone-events, the same keys as in-band tones.
 */
public final class KeypadCapture {

    /** A key and when it is pressed, in milliseconds from the start of the capture. */
    public record Press(char key, int atMillis) {
    }

    private static final String KEYS = "0123456789*#";
    private static final double[][] TONES = {
            {941, 1336}, {697, 1209}, {697, 1336}, {697, 1477}, {770, 1209}, {770, 1336}, {770, 1477},
            {852, 1209}, {852, 1336}, {852, 1477}, {941, 1209}, {941, 1477}};

    private KeypadCapture() {
    }

    /** Presses every key of {@code keys} with {@code gapMillis} between them, starting at {@code startMillis}. */
    public static List<Press> evenly(String keys, int startMillis, int gapMillis) {
        List<Press> presses = new ArrayList<>();
        for (int i = 0; i < keys.length(); i++) {
            presses.add(new Press(keys.charAt(i), startMillis + i * gapMillis));
        }
        return presses;
    }

    /** RFC 4733 telephone-events, payload type 101, 100 ms per key. */
    public static void telephoneEvents(Path file, List<Press> presses) throws IOException {
        List<Timed> packets = telephoneEventPackets(presses);
        write(file, packets.stream().map(Timed::packet).toList(), packets.stream().map(Timed::atMillis).toList());
    }

    /** An RTP packet and when it is sent, in milliseconds from the start. */
    public record Timed(byte[] packet, int atMillis) {
    }

    /**
     * The RTP packets of {@code presses} as RFC 4733 telephone-events (payload type 101): each key
     * with its own timestamp, five packets 20 ms apart, then the end packet three times with one
     * sequence number; sequence numbers rise throughout.
     */
    public static List<Timed> telephoneEventPackets(List<Press> presses) {
        List<Timed> packets = new ArrayList<>();
        int sequence = 1000;
        int ssrc = 0x43a5e1f0;
        for (Press press : presses) {
            int event = KEYS.indexOf(press.key());
            long timestamp = 8L * press.atMillis() + 16000; // its own timestamp: the time the key went down
            for (int i = 1; i <= 5; i++) {
                packets.add(new Timed(rtp(101, i == 1, sequence++, timestamp, ssrc, eventPayload(event, false, 160 * i)),
                        press.atMillis() + 20 * (i - 1)));
            }
            for (int i = 0; i < 3; i++) { // the end packet, three times, one sequence number
                packets.add(new Timed(rtp(101, false, sequence, timestamp, ssrc, eventPayload(event, true, 800)),
                        press.atMillis() + 100 + 5 * i));
            }
            sequence++;
        }
        return packets;
    }

    /** The keys as in-band tones in PCMU audio (payload type 0): 100 ms of tone, silence around it. */
    public static void tones(Path file, List<Press> presses, int totalMillis) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        List<Integer> times = new ArrayList<>();
        int ssrc = 0x1c2b3a40;
        for (int frame = 0, sequence = 500; frame * 20 < totalMillis; frame++, sequence++) {
            byte[] payload = new byte[160];
            for (int n = 0; n < 160; n++) {
                double sample = 0;
                int atMillis8 = frame * 160 + n; // sample index
                for (Press press : presses) {
                    int start = press.atMillis() * 8;
                    if (atMillis8 >= start && atMillis8 < start + 800) {
                        double[] f = TONES[KEYS.indexOf(press.key())];
                        double t = atMillis8 / 8000.0;
                        sample = 6000 * Math.sin(2 * Math.PI * f[0] * t) + 6000 * Math.sin(2 * Math.PI * f[1] * t);
                    }
                }
                payload[n] = G711.linearToUlaw((int) sample);
            }
            packets.add(rtp(0, frame == 0, sequence, 160L * frame, ssrc, payload));
            times.add(frame * 20);
        }
        write(file, packets, times);
    }

    private static byte[] eventPayload(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    private static byte[] rtp(int type, boolean marker, int sequence, long timestamp, int ssrc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | type)).putShort((short) sequence)
                .putInt((int) timestamp).putInt(ssrc).put(payload);
        return b.array();
    }

    /** A pcap file of Ethernet/IPv4/UDP frames carrying the RTP packets, at the given times. */
    private static void write(Path file, List<byte[]> packets, List<Integer> millis) throws IOException {
        int size = 24 + packets.stream().mapToInt(p -> 16 + 14 + 20 + 8 + p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < packets.size(); i++) {
            byte[] rtp = packets.get(i);
            int frame = 14 + 20 + 8 + rtp.length;
            int at = millis.get(i);
            out.order(ByteOrder.LITTLE_ENDIAN).putInt(1_700_000_000 + at / 1000).putInt((at % 1000) * 1000)
                    .putInt(frame).putInt(frame);
            out.order(ByteOrder.BIG_ENDIAN);
            out.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
            int ip = out.position();
            out.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + rtp.length)).putShort((short) i)
                    .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                    .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
            out.putShort(ip + 10, checksum(out.array(), ip, 20));
            out.putShort((short) 6000).putShort((short) 6002).putShort((short) (8 + rtp.length)).putShort((short) 0);
            out.put(rtp);
        }
        Files.write(file, out.array());
    }

    private static short checksum(byte[] data, int offset, int length) {
        int sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += ((data[offset + i] & 0xFF) << 8) | (data[offset + i + 1] & 0xFF);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
