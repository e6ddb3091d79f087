package org.caseline.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with its SIP endpoint on, on a free port, for tests that call it with real SIP
 * peers (SIPp, baresip, raw SIP over UDP). Every such test shares one context. The endpoint keeps
 * the addresses a newcomer gets (bound to every interface, media advertised at this host's first
 * non-loopback address where it has one), while the peers call from 127.0.0.1: on a host with
 * another interface the caller's packets arrive at one address and come from another.
 */
@CaseLineTest
public abstract class PhoneTest {

    protected static final int SIP_PORT = freeUdpAndTcpPort();

    @LocalServerPort
    protected int httpPort;

    @DynamicPropertySource
    static void sip(DynamicPropertyRegistry properties) {
        // below the ephemeral ports SIPp's media and the tests' sockets come from, and baresip's 46000-46999
        sipOn(properties, SIP_PORT, 20000, 29999);
    }

    /**
     * The SIP endpoint on, on {@code port}, with RTP ports {@code rtpMin}..{@code rtpMax}:
     * each test context that places calls takes its own range, so that contexts kept alive side by
     * side never compete for a port.
     */
    public static void sipOn(DynamicPropertyRegistry properties, int port, int rtpMin, int rtpMax) {
        properties.add("caseline.sip.enabled", () -> "true");
        properties.add("caseline.sip.port", () -> port);
        properties.add("caseline.sip.rtp-port-min", () -> rtpMin);
        properties.add("caseline.sip.rtp-port-max", () -> rtpMax);
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

    /** The call's record, once the line has added its media facts (they come as the call ends). */
    protected JsonNode callRecord(String callId) {
        return callRecord(http(), callId);
    }

    /** The same, for tests with their own context (a call that never had media is returned after 10 s without them). */
    public static JsonNode callRecord(Http http, String callId) {
        java.util.function.Supplier<Http.Response> record = () -> http.getAs("/api/calls/" + callId, "admin", "demo");
        Http.Response response;
        try {
            response = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(record::get, r -> r.status() == 200 && !r.json().path("media").isMissingNode()
                            && !r.json().path("media").isNull());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            response = record.get();
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    protected static List<String> nodes(JsonNode call) {
        List<String> nodes = new ArrayList<>();
        call.path("steps").forEach(s -> {
            if ("NODE".equals(s.path("kind").asString())) {
                nodes.add(s.path("node").asString());
            }
        });
        return nodes;
    }

    public static List<String> prompts(JsonNode call) {
        List<String> prompts = new ArrayList<>();
        call.path("steps").forEach(s -> {
            if ("PROMPT".equals(s.path("kind").asString())) {
                prompts.add(s.path("detail").asString());
            }
        });
        return prompts;
    }

    public static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
