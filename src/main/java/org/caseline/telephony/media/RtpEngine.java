package org.caseline.telephony.media;

import java.io.IOException;
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
 */
@Component
public class RtpEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpEngine.class);
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final String bindAddress;
    private final Queue<Integer> freePorts = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<RtpStream> streams = new CopyOnWriteArrayList<>();
    private final Queue<RtpStream> toRegister = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final Thread receiver;
    private final Thread pacer;
    private volatile boolean running = true;

    RtpEngine(SipProperties properties) throws IOException {
        this.bindAddress = properties.bindAddress();
        int first = properties.rtpPortMin() + (properties.rtpPortMin() & 1);
        for (int port = first; port + 1 <= properties.rtpPortMax(); port += 2) {
            freePorts.add(port); // even ports for RTP; the odd one above is RTCP's by convention
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
                    channel.bind(new InetSocketAddress(bindAddress, port));
                    channel.configureBlocking(false);
                } catch (IOException e) {
                    channel.close();
                    freePorts.add(port); // taken by someone else for now; try it again later
                    continue;
                }
                RtpStream stream = new RtpStream(channel, port, listener);
                toRegister.add(stream);
                selector.wakeup();
                streams.add(stream);
                return stream;
            } catch (IOException e) {
                freePorts.add(port);
                throw new IllegalStateException("Cannot open a UDP socket for RTP", e);
            }
        }
        return null;
    }

    public void close(RtpStream stream) {
        if (stream == null || stream.closed()) {
            return;
        }
        stream.markClosed();
        streams.remove(stream);
        try {
            stream.channel().close();
        } catch (IOException e) {
            log.debug("closing an RTP socket", e);
        }
        freePorts.add(stream.localPort());
    }

    public int activeStreams() {
        return streams.size();
    }

    private void paceLoop() {
        long next = System.nanoTime();
        while (running) {
            next += FRAME_NANOS;
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (-wait > 5 * FRAME_NANOS) {
                next = System.nanoTime(); // after a long stall (a GC pause), resume the pace; never burst to catch up
            }
            for (RtpStream stream : streams) {
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
