package org.caseline.accounts;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Guessing a password: after five wrong ones, the account is refused for a while, even with the right one; it is all audited. */
@CaseLineTest
class SignInThrottleTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffAccounts staff;

    private String anAccount() {
        String name = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        staff.createIfMissing(name, "the-right-one", "Throttle test", Set.of(Role.SUPERVISOR));
        return name;
    }

    @Test
    void fiveWrongPasswordsOverHttpBasicThenEvenTheRightOneWaits() {
        var http = new Http(port);
        String user = anAccount();
        for (int i = 0; i < 5; i++) {
            assertThat(http.getAs("/api/queues", user, "wrong-" + i).status()).isEqualTo(401);
        }

        Http.Response refused = http.getAs("/api/queues", user, "the-right-one");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.json().path("message").asString()).startsWith("Too many failed sign-ins for this account");
        var audit = http.getAs("/api/audit/sign-ins?username=" + user, "admin", "demo").json().path("attempts");
        assertThat(audit.valueStream().map(a -> a.path("outcome").asString())).containsExactly("THROTTLED", "FAILED", "FAILED",
                "FAILED", "FAILED", "FAILED");
        assertThat(http.getAs("/api/audit/sign-ins", user, "the-right-one").status()).isEqualTo(429);
    }

    @Test
    void theSignInFormRefusesTheRightPasswordAfterFiveWrongOnesAndSaysHowLongToWait() throws Exception {
        String user = anAccount();
        var browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(browser, user, "wrong")).endsWith("/login?error");
        }

        String landing = signIn(browser, user, "the-right-one");

        assertThat(landing).endsWith("/login?throttled=1");
        String page = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(landing + "&lang=en")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Too many failed sign-ins for this account or from this address. Try again in 1 minute(s).");
    }

    /** Signs in with the form as a browser does (its CSRF token first); returns where it was sent. */
    private String signIn(java.net.http.HttpClient browser, String user, String password) throws Exception {
        String base = "http://localhost:" + port;
        String form = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var token = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(token.find()).isTrue();
        var response = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.form(Map.of("username", user, "password", password,
                        "_csrf", token.group(1))))).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.startsWith("http") ? location : base + location;
    }

    @Test
    void aFewMistakesThenTheRightPasswordIsFine() {
        var http = new Http(port);
        String user = anAccount();
        for (int i = 0; i < 3; i++) {
            http.getAs("/api/queues", user, "wrong");
        }
        assertThat(http.getAs("/api/queues", user, "the-right-one").status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            http.getAs("/api/queues", user, "wrong");
        }
        assertThat(http.getAs("/api/queues", user, "the-right-one").status()).as("the success ended the first run").isEqualTo(200);
    }
}
