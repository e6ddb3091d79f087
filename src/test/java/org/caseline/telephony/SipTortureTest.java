package org.caseline.telephony;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.caseline.support.PhoneTest;
import org.caseline.support.RawSip;
import org.caseline.support.SipMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invalid messages of the SIP torture tests (RFC 4475, 3.1.2): each is answered as the RFC
 * says (400, 505 for an unknown version) or, being a response nobody asked for, dropped; and
 * after all of them the endpoint still answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipTortureTest extends PhoneTest {

    private static final Path DIR = Path.of("src/test/resources/sip-torture");

    static Stream<String> messages() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sip")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void isAnsweredAsTheRfcSays(String file) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file), StandardCharsets.UTF_8);
        String expected = lines.getFirst().replaceAll(".*:\\s*", "");
        try (RawSip sip = new RawSip(SIP_PORT)) {
            sip.sendRaw(message(file, lines.subList(1, lines.size()), sip.localPort()));
            List<String> responses = sip.responses(1500);
            String answer = responses.isEmpty() ? "drop" : String.valueOf(RawSip.status(responses.getLast()));
            assertThat(answer).as("%s answered with %s", file, responses).isEqualTo(expected);
        }
    }

    @AfterAll
    void theEndpointStillServes() {
        try (RawSip sip = new RawSip(SIP_PORT)) {
            assertThat(sip.exchange(SipMessages.request("OPTIONS", "18003755283", "after-" + UUID.randomUUID(), 1,
                    null, ""))).isEqualTo(200);
        }
    }

    /** The message with CRLF line ends, our port in its Via, and (unless lengths are the test) a true length. */
    private static byte[] message(String file, List<String> lines, int port) {
        String text = String.join("\r\n", lines).replace("$PORT", String.valueOf(port));
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        if (!file.equals("clerr.sip") && !file.equals("ncl.sip")) {
            int length = body.getBytes(StandardCharsets.UTF_8).length;
            head = head.replaceAll("(?m)^(Content-Length|l): *\\d+$", "$1: " + length);
        }
        return (head + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }
}
