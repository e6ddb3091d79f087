package org.caseline.telephony.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.caseline.support.KeypadCapture;
import org.caseline.support.KeypadCapture.Timed;
import org.caseline.telephony.SipProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a call's media is heard from, whatever the host's addresses. A caller on this host sends
 * from 127.0.0.1 to the address our SDP advertised, which here is another of the host's addresses
 * (127.0.0.2: every 127/8 address is local on Linux): a host with two interfaces, or a proxy on
 * the same machine. Every key must be heard, not only the first, and our audio must come back
 * from the address the caller sends to.
 */
class RtpEngineAddressesTest {

    private RtpEngine engine;
    private DatagramChannel caller;

    @AfterEach
    void close() throws IOException {
        if (engine != null) {
            engine.close();
        }
        if (caller != null) {
            caller.close();
        }
    }

    @Test
    void onAMultiHomedHostEveryKeyIsHeardNotOnlyTheFirst() throws Exception {
        engine = new RtpEngine(properties("0.0.0.0", "127.0.0.2"));
        Heard heard = new Heard();
        RtpStream stream = engine.open(heard);
        stream.configure(null, 0, 101, true); // the SDP offered telephone-event/8000 as 101
        caller = callerAt("127.0.0.1");

        sendKeys("1113222590000101", 0, new InetSocketAddress("127.0.0.2", stream.localPort()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard.keys()).isEqualTo("1113222590000101"));
        assertThat(stream.packetsReceived()).isEqualTo(16 * 8);
        // symmetric RTP: our packets come from where the caller sends them, so its NAT or firewall lets them in
        SocketAddress from = receiveOne();
        assertThat(((InetSocketAddress) from).getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(((InetSocketAddress) from).getPort()).isEqualTo(stream.localPort());
    }

    @Test
    void behindNatTheAdvertisedAddressIsNotOursAndKeysAreStillAllHeardFromTheCallerAlone() throws Exception {
        // 192.0.2.0/24 is documentation space: never this host's, as a NAT's public address is not
        engine = new RtpEngine(properties("0.0.0.0", "192.0.2.200"));
        Heard heard = new Heard();
        RtpStream stream = engine.open(heard);
        stream.configure(null, 0, 101, true); // the SDP offered telephone-event/8000 as 101
        caller = callerAt("127.0.0.1");
        InetSocketAddress ours = new InetSocketAddress("127.0.0.1", stream.localPort());

        sendKeys("12", 0, ours);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard.keys()).isEqualTo("12"));
        // once latched on to the caller, packets from anyone else are not the caller's keys
        try (DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.3", 0))) {
            for (Timed t : KeypadCapture.telephoneEventPackets(KeypadCapture.evenly("9", 1000, 200))) {
                stranger.send(ByteBuffer.wrap(t.packet()), ours);
            }
        }
        sendKeys("3", 2000, ours);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard.keys()).isEqualTo("123"));
        assertThat(stream.packetsReceived()).isEqualTo(3 * 8);
    }

    @Test
    void theMediaAddressIsBoundWhenItIsOneOfOursAndTheWildcardOtherwise() {
        assertThat(RtpEngine.mediaBindAddress(properties("0.0.0.0", "127.0.0.2")).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(RtpEngine.mediaBindAddress(properties("0.0.0.0", "192.0.2.200")).isAnyLocalAddress()).isTrue();
        assertThat(RtpEngine.mediaBindAddress(properties("127.0.0.1", "192.0.2.200")).getHostAddress()).isEqualTo("127.0.0.1");
    }

    private static SipProperties properties(String bind, String advertised) {
        int first = 47000 + 2 * (int) (ProcessHandle.current().pid() % 400);
        return new SipProperties(true, 5060, bind, advertised, first, first + 19, 10, 10, false, "");
    }

    private DatagramChannel callerAt(String address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(address, 0));
        return channel;
    }

    /**
     * The keys as a caller's phone sends them, 150 ms apart and paced as a phone paces them (at once,
     * they would overflow the socket's receive buffer, as no phone's would).
     */
    private void sendKeys(String keys, int startMillis, InetSocketAddress to) throws Exception {
        long start = System.nanoTime() - startMillis * 1_000_000L;
        for (Timed t : KeypadCapture.telephoneEventPackets(KeypadCapture.evenly(keys, startMillis, 150))) {
            long wait = t.atMillis() - (System.nanoTime() - start) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            caller.send(ByteBuffer.wrap(t.packet()), to);
        }
    }

    private SocketAddress receiveOne() throws IOException {
        caller.configureBlocking(true);
        caller.socket().setSoTimeout(2000);
        var packet = new java.net.DatagramPacket(new byte[2048], 2048);
        caller.socket().receive(packet);
        return packet.getSocketAddress();
    }

    /** What the call heard. */
    private static final class Heard implements RtpStream.Listener {
        private final List<Character> keys = new CopyOnWriteArrayList<>();

        @Override
        public void digit(char key, String method) {
            keys.add(key);
        }

        @Override
        public void playbackFinished(long generation) {
        }

        String keys() {
            StringBuilder s = new StringBuilder();
            keys.forEach(s::append);
            return s.toString();
        }
    }
}
