package org.caseline.platform.web;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses refused before our code runs, by Spring Security's firewall or by Tomcat itself, on a
 * raw socket: the API answers in its own {"code", "message"} saying what was wrong, pages show
 * the site's error page in the visitor's language; neither echoes the address, shows a stack
 * trace or names the server.
 */
@CaseLineTest
class RefusalsTest {

    @LocalServerPort
    int port;

    private String get(String target, String extraHeaders) {
        return new Http(port).rawResponse("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders
                + "Connection: close\r\n\r\n");
    }

    private static String body(String response) {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        // a chunked body: the JSON between the chunk sizes
        return body.contains("{") ? body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1) : body;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/cases/EAC2590000101;jsessionid=x | semicolon",           // the firewall
            "/case-status/EAC2590000101%0d%0aSet-Cookie | control character", // the firewall
            "/api/cases/..%2f..%2fetc | encoded slash",                      // Tomcat
            "/case-status/EAC%00 | control character",                       // Tomcat
            "/case-status/EAC{2590000101} | must be percent-encoded",        // Tomcat
    })
    void anApiAddressRefusedBeforeOurCodeGetsTheApisOwnErrorSayingWhatWasWrong(String target, String says) {
        String response = get(target, "Accept: application/json\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        JsonNode error = JsonMapper.builder().build().readTree(body(response));
        assertThat(error.path("code").asString()).isEqualTo("400");
        assertThat(error.path("message").asString()).contains(says);
        assertThat(error.propertyNames()).containsExactly("code", "message");
        assertThat(response).doesNotContain("EAC").doesNotContain("etc").doesNotContainIgnoringCase("tomcat")
                .doesNotContain("Exception").doesNotContain("<html");
    }

    @Test
    void aPageAddressRefusedBeforeOurCodeShowsTheSitesErrorPageInTheVisitorsLanguage() {
        String firewall = get("/check-case-status;x=1", "Accept: text/html\r\nAccept-Language: es-MX,es;q=0.9\r\n");
        assertThat(firewall).startsWith("HTTP/1.1 400").contains("lang=\"es\"")
                .contains("La dirección contiene un punto y coma").contains("usa-");
        String tomcat = get("/check-case-status%00", "Accept: text/html\r\n");
        assertThat(tomcat).startsWith("HTTP/1.1 400").contains("lang=\"en\"")
                .contains("The address contains a control character").contains("uswds");
        for (String page : new String[] {firewall, tomcat}) {
            assertThat(page).doesNotContainIgnoringCase("tomcat").doesNotContain("x=1").doesNotContain("Exception");
        }
    }

    @Test
    void otherErrorsOfTheApiSayWhatHappenedWithoutEchoingTheAddress() {
        String response = get("/api/cases/EAC2590000101/no-such-thing", "Authorization: Basic YWRtaW46ZGVtbw==\r\nAccept: application/json\r\n");
        assertThat(response).startsWith("HTTP/1.1 404");
        assertThat(body(response)).isEqualTo("{\"code\":\"404\",\"message\":\"Nothing is found at this address.\"}");
    }
}
