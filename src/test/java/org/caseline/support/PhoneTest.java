package org.caseline.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with its SIP endpoint on, on a free port of 127.0.0.1, for tests that call
 * it with real SIP peers (SIPp, baresip, raw SIP over UDP). Every such test shares one context.
 */
@CaseLineTest
public abstract class PhoneTest {

    protected static final int SIP_PORT = freeUdpAndTcpPort();

    @LocalServerPort
    protected int httpPort;

    @DynamicPropertySource
    static void sip(DynamicPropertyRegistry properties) {
        properties.add("caseline.sip.enabled", () -> "true");
        properties.add("caseline.sip.port", () -> SIP_PORT);
        properties.add("caseline.sip.bind-address", () -> "127.0.0.1");
        properties.add("caseline.sip.advertised-address", () -> "127.0.0.1");
    }

    protected Http http() {
        return new Http(httpPort);
    }

    /** A port free for both UDP and TCP right now. */
    public static int freeUdpAndTcpPort() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IllegalStateException("no free port");
    }
}
