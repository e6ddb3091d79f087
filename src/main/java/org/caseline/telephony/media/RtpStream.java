package org.caseline.telephony.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.caseline.platform.audio.G711;

/**
 * One call's audio: an RTP session on its own UDP port. The engine's pacer calls {@link #tick()}
 * every 20 ms to send one G.711 frame (a prompt, or silence); its receiver hands every packet
 * that arrives to {@link #receive}. Symmetric RTP: we send to where the caller's packets come
 * from, once they come, whatever the SDP said, and from then on hear only that source: the kernel
 * filters for us where the socket may be connected ({@link RtpEngine} says when), we do otherwise.
 */
public final class RtpStream {

    /** What the call hears from its media. */
    public interface Listener {
        void digit(char key, String method);

        void playbackFinished(long generation);
    }

    private static final int FRAME = 160;

    private final DatagramChannel channel;
    private final int localPort;
    private final Listener listener;
    private final boolean connectOnLatch;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final ByteBuffer out = ByteBuffer.allocateDirect(12 + FRAME); // sent as it is, never copied
    private final byte[] inbound = new byte[2048];
    private final TelephoneEvents telephoneEvents = new TelephoneEvents();
    private final DtmfTones tones = new DtmfTones();
    private final short[] decoded = new short[2048];

    private volatile InetSocketAddress remote;
    private volatile boolean latched;
    /** Connected to the latched caller (set once, so no packet asks the channel, which takes a lock). */
    private volatile boolean connected;
    private volatile boolean sending = true;
    private volatile int payloadType = 0;
    private volatile int telephoneEventType = -1;
    private volatile boolean closed;

    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private int timestamp = ThreadLocalRandom.current().nextInt();
    private boolean marker = true;

    private static final byte[] SILENCE = new byte[FRAME];

    static {
        java.util.Arrays.fill(SILENCE, G711.ULAW_SILENCE);
    }

    private final Object playLock = new Object();
    private java.util.List<byte[]> clips;
    private int clipIndex;
    private int clipPosition;
    private long generation;

    /** While bridged: the other party's stream, which our caller's audio goes to. */
    private volatile RtpStream peer;
    /** The peer's audio (μ-law) waiting to be sent here, at most {@link #RELAY_CAPACITY} bytes. */
    private final Object relayLock = new Object();
    private static final int RELAY_CAPACITY = FRAME * 10;
    private final byte[] relay = new byte[RELAY_CAPACITY];
    private int relayLength;
    private final byte[] relayIn = new byte[2048];
    final AtomicLong packetsRelayed = new AtomicLong();

    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong packetsReceived = new AtomicLong();

    RtpStream(DatagramChannel channel, int localPort, Listener listener, boolean connectOnLatch) {
        this.channel = channel;
        this.connectOnLatch = connectOnLatch;
        this.localPort = localPort;
        this.listener = listener;
    }

    public int localPort() {
        return localPort;
    }

    /** Where to send, what to send, what the caller's telephone-events are (-1: none, listen for tones). */
    public void configure(InetSocketAddress remote, int payloadType, int telephoneEventType, boolean sending) {
        if (!latched) {
            this.remote = remote;
        }
        this.payloadType = payloadType;
        this.telephoneEventType = telephoneEventType;
        this.sending = sending;
    }

    /**
     * Plays the clips one after the other (as they are: prompts are shared, never copied),
     * replacing whatever was playing. Returns this playback's generation.
     */
    public long play(java.util.List<byte[]> ulaw) {
        synchronized (playLock) {
            clips = ulaw.isEmpty() ? null : ulaw;
            clipIndex = 0;
            clipPosition = 0;
            marker = true;
            return ++generation;
        }
    }

    /** Stops the prompt that is playing (the caller pressed a key). */
    public void stopPlayback() {
        synchronized (playLock) {
            clips = null;
            generation++;
        }
    }

    /**
     * Joins two calls' media: what each party says is sent to the other, paced, in the other's own
     * codec, sequence and SSRC, from a short buffer that absorbs jitter and any packet size. Prompts stop.
     */
    public static void bridge(RtpStream a, RtpStream b) {
        a.stopPlayback();
        b.stopPlayback();
        a.peer = b;
        b.peer = a;
    }

    /** Ends the bridge (either side may call it): both go back to prompts and silence. */
    public void unbridge() {
        RtpStream other = peer;
        peer = null;
        if (other != null && other.peer == this) {
            other.peer = null;
        }
        synchronized (relayLock) {
            relayLength = 0;
        }
    }

    /** Frames sent here that carried the bridged party's voice. */
    public long packetsRelayed() {
        return packetsRelayed.get();
    }

    private void feed(byte[] ulaw, int length) {
        synchronized (relayLock) {
            int overflow = relayLength + length - RELAY_CAPACITY;
            if (overflow > 0) {
                // the other side sends faster than we pace: drop the oldest audio, never add delay
                int keep = Math.max(0, relayLength - overflow);
                System.arraycopy(relay, relayLength - keep, relay, 0, keep);
                relayLength = keep;
                length = Math.min(length, RELAY_CAPACITY);
            }
            System.arraycopy(ulaw, 0, relay, relayLength, length);
            relayLength += length;
        }
    }

    public long packetsSent() {
        return packetsSent.get();
    }

    public long packetsReceived() {
        return packetsReceived.get();
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    DatagramChannel channel() {
        return channel;
    }

    /** One 20 ms frame: the next piece of the prompt, or silence. Runs on the pacer thread only. */
    void tick() {
        long finished = -1;
        boolean mark;
        out.clear();
        out.position(12);
        boolean relayed = false;
        if (peer != null) {
            synchronized (relayLock) {
                if (relayLength >= FRAME) {
                    out.put(relay, 0, FRAME);
                    relayLength -= FRAME;
                    System.arraycopy(relay, FRAME, relay, 0, relayLength);
                    relayed = true;
                }
            }
        }
        synchronized (playLock) {
            int filled = relayed ? FRAME : 0;
            while (clips != null && filled < FRAME) {
                byte[] clip = clips.get(clipIndex);
                int n = Math.min(FRAME - filled, clip.length - clipPosition);
                out.put(clip, clipPosition, n);
                filled += n;
                clipPosition += n;
                if (clipPosition >= clip.length) {
                    clipPosition = 0;
                    if (++clipIndex == clips.size()) {
                        clips = null;
                        finished = generation;
                    }
                }
            }
            out.put(SILENCE, 0, FRAME - filled);
            mark = marker;
            marker = false;
        }
        InetSocketAddress to = remote;
        if (sending && to != null) {
            if (payloadType == 8) {
                for (int i = 12; i < 12 + FRAME; i++) {
                    out.put(i, G711.ulawToAlaw(out.get(i)));
                }
            }
            out.put(0, (byte) 0x80);
            out.put(1, (byte) ((mark ? 0x80 : 0) | payloadType));
            out.putShort(2, (short) sequence);
            out.putInt(4, timestamp);
            out.putInt(8, ssrc);
            out.flip();
            try {
                // once the caller's packets showed where they come from, the socket is connected there:
                // a plain write costs less than a send with an address, 50 times a second per call
                if ((connected ? channel.write(out) : channel.send(out, to)) > 0) {
                    packetsSent.incrementAndGet();
                    if (relayed) {
                        packetsRelayed.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // an unreachable caller is found out by SIP, not here: keep pacing
            }
            sequence = (sequence + 1) & 0xFFFF;
        }
        timestamp += FRAME;
        if (finished >= 0) {
            listener.playbackFinished(finished);
        }
    }

    /**
     * Reads the packets waiting on the socket, at most a few: the selector reports a socket again
     * while it has more, and stopping early spares the empty read that would end each loop (a
     * system call per packet, at 50 packets a second per call).
     */
    void receive() throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(inbound);
        SocketAddress from;
        for (int read = 0; read < 4 && (from = channel.receive(buffer.clear())) != null; read++) {
            int length = buffer.position();
            if (length < 12 || (inbound[0] & 0xC0) != 0x80) {
                continue; // not RTP version 2
            }
            handle(from, length);
        }
    }

    /** One RTP packet from the caller, in {@code inbound}: latch on to its source, hear its keys. */
    private void handle(SocketAddress from, int length) {
        if (!latched && from instanceof InetSocketAddress address) {
            remote = address;
            latched = true;
            if (connectOnLatch) {
                try {
                    channel.connect(address); // symmetric RTP; and from now on the kernel reads only the caller's packets
                    connected = true;
                } catch (IOException | IllegalStateException e) {
                    // keep sending with an address, and filtering here
                }
            }
        } else if (latched && !connected && !from.equals(remote)) {
            return; // not the caller's
        }
        packetsReceived.incrementAndGet();
        int csrcs = inbound[0] & 0x0F;
        int offset = 12 + 4 * csrcs;
        if ((inbound[0] & 0x10) != 0 && length >= offset + 4) {
            offset += 4 + 4 * (((inbound[offset + 2] & 0xFF) << 8) | (inbound[offset + 3] & 0xFF));
        }
        int payloadLength = length - offset;
        if ((inbound[0] & 0x20) != 0 && payloadLength > 0) {
            payloadLength -= inbound[length - 1] & 0xFF; // padding
        }
        if (payloadLength <= 0) {
            return;
        }
        int type = inbound[1] & 0x7F;
        int packetSsrc = ((inbound[8] & 0xFF) << 24) | ((inbound[9] & 0xFF) << 16) | ((inbound[10] & 0xFF) << 8) | (inbound[11] & 0xFF);
        long packetTimestamp = ((long) (inbound[4] & 0xFF) << 24) | ((inbound[5] & 0xFF) << 16) | ((inbound[6] & 0xFF) << 8) | (inbound[7] & 0xFF);
        RtpStream other = peer;
        if (other != null && (type == 0 || type == 8)) {
            int n = Math.min(payloadLength, relayIn.length);
            for (int i = 0; i < n; i++) {
                byte b = inbound[offset + i];
                relayIn[i] = type == 0 ? b : G711.alawToUlaw(b);
            }
            other.feed(relayIn, n);
            return;
        }
        if (type == telephoneEventType) {
            char key = telephoneEvents.accept(packetSsrc, packetTimestamp, inbound, offset, payloadLength);
            if (key != 0) {
                listener.digit(key, "rfc4733");
            }
        } else if (telephoneEventType < 0 && (type == 0 || type == 8)) {
            int n = Math.min(payloadLength, decoded.length);
            for (int i = 0; i < n; i++) {
                byte b = inbound[offset + i];
                decoded[i] = type == 0 ? G711.ulawToLinear(b) : G711.alawToLinear(b);
            }
            char key = tones.accept(decoded, n);
            if (key != 0) {
                listener.digit(key, "inband");
            }
        }
    }
}
