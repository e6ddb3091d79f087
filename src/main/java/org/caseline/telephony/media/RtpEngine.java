package org.caseline.telephony.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.caseline.telephony.SipProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The RTP side of every call on this node: one UDP port per call, one receiver thread that
 * selects over all of them, and one pacer thread that sends every call's next 20 ms frame on a
 * fixed schedule (absolute deadlines, so the pace does not drift with the work done per tick).
 * The calls are spread over ten 2 ms slots, each served in its turn: a burst of a tenth of the
 * calls every 2 ms, rather than all of them at once every 20 ms, keeps each call's packets
 * evenly spaced however many calls there are.
 *
 * <p>Each socket is bound to the address peers send media to (the one our SDP advertises) when
 * that address is this host's, so that the kernel sends from the very address the caller's packets
 * arrive at, and the socket can be connected to the caller (a cheaper send) without ceasing to
 * match them: connecting a socket bound to the wildcard would fix its local address to whatever
 * the kernel sends from towards that peer (loopback for a peer on this host, another interface on
 * a multi-homed one), and every later packet addressed to the advertised address would be dropped.
 */
@Component
public class RtpEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpEngine.class);
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int SLOTS = 10;
    private static final long SLOT_NANOS = FRAME_NANOS / SLOTS;

    private final InetSocketAddress bindAddress;
    /** Whether streams connect to the caller once latched: only when bound to one address (see above). */
    private final boolean connectOnLatch;
    private final boolean realTime;
    private final Queue<Integer> freePorts = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<RtpStream> streams = new CopyOnWriteArrayList<>();
    @SuppressWarnings("unchecked")
    private final CopyOnWriteArrayList<RtpStream>[] slots = new CopyOnWriteArrayList[SLOTS];
    private final Queue<RtpStream> toRegister = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final Thread receiver;
    private final Thread pacer;
    private volatile boolean running = true;
    /** How late the pacer wakes, smoothed over about a second, in nanoseconds. */
    private volatile double lateness;
    /** Smoothed lateness beyond which the pace is slipping: the node takes no more calls. */
    private static final double OVERLOADED_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /**
     * Below this many calls, a slipping pace is the machine's doing (a build, a GC, another
     * process), not the calls': refusing one more call would not bring the pace back.
     */
    private static final int FEWEST_CALLS_TO_BLAME = 32;

    RtpEngine(SipProperties properties) throws IOException {
        this.bindAddress = new InetSocketAddress(mediaBindAddress(properties), 0);
        this.connectOnLatch = !bindAddress.getAddress().isAnyLocalAddress();
        log.info("RTP on {} ports {}-{}{}", bindAddress.getAddress().getHostAddress(), properties.rtpPortMin(),
                properties.rtpPortMax(), connectOnLatch ? "" : " (wildcard: sockets are never connected)");
        this.realTime = properties.realTimeMedia() && properties.enabled();
        int first = properties.rtpPortMin() + (properties.rtpPortMin() & 1);
        for (int port = first; port + 1 <= properties.rtpPortMax(); port += 2) {
            freePorts.add(port); // even ports for RTP; the odd one above is RTCP's by convention
        }
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new CopyOnWriteArrayList<>();
        }
        this.selector = Selector.open();
        this.receiver = Thread.ofPlatform().name("rtp-receive").daemon().start(this::receiveLoop);
        this.pacer = Thread.ofPlatform().name("rtp-pace").daemon().priority(Thread.MAX_PRIORITY).start(this::paceLoop);
    }

    /** A new stream on a free port, or empty when no port is free. */
    public RtpStream open(RtpStream.Listener listener) {
        for (int tries = 0; tries < 100; tries++) {
            Integer port = freePorts.poll();
            if (port == null) {
                break;
            }
            try {
                DatagramChannel channel = DatagramChannel.open();
                try {
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
                    channel.bind(new InetSocketAddress(bindAddress.getAddress(), port));
                    channel.configureBlocking(false);
                } catch (IOException e) {
                    channel.close();
                    freePorts.add(port); // taken by someone else for now; try it again later
                    continue;
                }
                RtpStream stream = new RtpStream(channel, port, listener, connectOnLatch);
                toRegister.add(stream);
                selector.wakeup();
                streams.add(stream);
                leastBusySlot().add(stream);
                return stream;
            } catch (IOException e) {
                freePorts.add(port);
                throw new IllegalStateException("Cannot open a UDP socket for RTP", e);
            }
        }
        return null;
    }

    /**
     * Where RTP sockets are bound: the configured bind address; when that is the wildcard, the
     * address peers are told to send to, if it is one of this host's (it can be bound); otherwise
     * (behind NAT, the advertised address is not ours) the wildcard.
     */
    static InetAddress mediaBindAddress(SipProperties properties) {
        try {
            if (!SipProperties.isWildcard(properties.bindAddress())) {
                return InetAddress.getByName(properties.bindAddress());
            }
            InetAddress media = InetAddress.getByName(properties.mediaAddress());
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress(media, 0));
                return media;
            } catch (IOException e) {
                return InetAddress.getByName("0.0.0.0");
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("RTP cannot bind to " + properties.bindAddress() + " / "
                    + properties.mediaAddress() + ": " + e.getMessage(), e);
        }
    }

    public void close(RtpStream stream) {
        if (stream == null || stream.closed()) {
            return;
        }
        stream.markClosed();
        streams.remove(stream);
        for (CopyOnWriteArrayList<RtpStream> slot : slots) {
            slot.remove(stream);
        }
        try {
            stream.channel().close();
        } catch (IOException e) {
            log.debug("closing an RTP socket", e);
        }
        freePorts.add(stream.localPort());
    }

    /**
     * True while the pacer cannot keep time (the machine is out of CPU): a new call would make
     * every call's audio worse, so it is better refused.
     */
    public boolean overloaded() {
        return lateness > OVERLOADED_NANOS && streams.size() >= FEWEST_CALLS_TO_BLAME;
    }

    private synchronized CopyOnWriteArrayList<RtpStream> leastBusySlot() {
        CopyOnWriteArrayList<RtpStream> least = slots[0];
        for (CopyOnWriteArrayList<RtpStream> slot : slots) {
            if (slot.size() < least.size()) {
                least = slot;
            }
        }
        return least;
    }

    /**
     * Asks the OS to run the calling thread (the pacer) at real-time priority, as Asterisk's
     * {@code -p} does: on a busy machine an ordinary thread may wake milliseconds late, and every
     * call's audio with it. Needs root or CAP_SYS_NICE, and util-linux's chrt; without them the
     * pacer runs at normal priority and says so.
     */
    private static void realTimePriority() {
        try {
            String self = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self")).toString();
            String tid = self.substring(self.lastIndexOf('/') + 1);
            Process chrt = new ProcessBuilder("chrt", "-f", "-p", "10", tid).redirectErrorStream(true).start();
            String output = new String(chrt.getInputStream().readAllBytes()).strip();
            if (chrt.waitFor() == 0) {
                log.info("RTP pacer at real-time priority (SCHED_FIFO 10)");
            } else {
                log.info("RTP pacer at normal priority (real-time refused: {})", output);
            }
        } catch (IOException | RuntimeException e) {
            log.info("RTP pacer at normal priority ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void paceLoop() {
        if (realTime) {
            realTimePriority();
        }
        long next = System.nanoTime();
        int slot = 0;
        while (running) {
            next += SLOT_NANOS;
            slot = (slot + 1) % SLOTS;
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lateness = lateness * 0.998 + (-wait) * 0.002;
            if (-wait > 5 * FRAME_NANOS) {
                next = System.nanoTime(); // after a long stall (a GC pause), resume the pace; never burst to catch up
            }
            for (RtpStream stream : slots[slot]) {
                try {
                    stream.tick();
                } catch (RuntimeException e) {
                    log.warn("RTP frame not sent", e);
                }
            }
        }
    }

    private void receiveLoop() {
        while (running) {
            try {
                selector.select(500);
                RtpStream added;
                while ((added = toRegister.poll()) != null) {
                    if (!added.closed()) {
                        added.channel().register(selector, SelectionKey.OP_READ, added);
                    }
                }
                var keys = selector.selectedKeys();
                if (keys.size() > 16) {
                    // busy: let a millisecond's packets gather, so that each wake-up reads more of them
                    LockSupport.parkNanos(1_000_000);
                }
                for (SelectionKey key : keys) {
                    RtpStream stream = (RtpStream) key.attachment();
                    if (!key.isValid() || stream.closed()) {
                        continue;
                    }
                    try {
                        stream.receive();
                    } catch (IOException | RuntimeException e) {
                        log.debug("RTP receive", e);
                    }
                }
                keys.clear();
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                if (running) {
                    log.warn("RTP receiver", e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.close();
        for (RtpStream stream : streams) {
            close(stream);
        }
    }
}
