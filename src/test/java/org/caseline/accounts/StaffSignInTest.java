package org.caseline.accounts;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff sign in with the form; passwords are stored hashed; the public never needs to. */
@CaseLineTest
class StaffSignInTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts staff;

    /** A browser that does not follow redirects, so each one can be read. */
    final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Posts a page's form: the CSRF token comes from the page at {@code formPage}. */
        HttpResponse<String> post(String formPage, String path, Map<String, String> fields) throws Exception {
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(formPage).body());
            assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
            var all = new java.util.HashMap<>(fields);
            all.put("_csrf", csrf.group(1));
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "text/html")
                            .POST(HttpRequest.BodyPublishers.ofString(Http.form(all))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> signIn(String user, String password) throws Exception {
            return post("/login", "/login", Map.of("username", user, "password", password));
        }
    }

    private final Browser browser = new Browser();

    private HttpResponse<String> get(String path) throws Exception {
        return browser.get(path);
    }

    private HttpResponse<String> signIn(String user, String password) throws Exception {
        return browser.signIn(user, password);
    }

    private static String codeFor(String secret, java.time.Instant at) throws Exception {
        return String.format("%06d", new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new javax.crypto.spec.SecretKeySpec(new org.apache.commons.codec.binary.Base32().decode(secret),
                        "HmacSHA1"), at));
    }

    @Test
    void anOfficerSetsUpTwoStepThenAPasswordAloneOpensNoStaffPageAndBasicIsRefused() throws Exception {
        String officer = "officer-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        staff.createIfMissing(officer, "a long and private passphrase", "Officer", java.util.Set.of(Role.TIER2));
        assertThat(signIn(officer, "a long and private passphrase").headers().firstValue("Location").orElseThrow()).endsWith("/staff");
        var setUp = get("/staff/two-step");
        assertThat(setUp.statusCode()).isEqualTo(200);
        Matcher secret = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>").matcher(setUp.body());
        assertThat(secret.find()).isTrue();
        assertThat(browser.post("/staff/two-step", "/staff/two-step", Map.of("code", "000000")).statusCode()).isEqualTo(422);
        var confirmed = browser.post("/staff/two-step", "/staff/two-step", Map.of("code", codeFor(secret.group(1), java.time.Instant.now())));
        assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith("/staff?twoStep=on");
        assertThat(get("/staff").statusCode()).isEqualTo(200);

        Browser later = new Browser();
        later.signIn(officer, "a long and private passphrase");
        assertThat(later.get("/staff").headers().firstValue("Location").orElseThrow()).endsWith("/login/code");
        assertThat(later.get("/staff/desk").headers().firstValue("Location").orElseThrow()).endsWith("/login/code");
        var basic = new Http(port).getAs("/api/queues", officer, "a long and private passphrase");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().path("code").asString()).isEqualTo("two-step");
        var in = later.post("/login/code", "/login/code", Map.of("code", codeFor(secret.group(1), java.time.Instant.now().plusSeconds(30))));
        assertThat(in.headers().firstValue("Location").orElseThrow()).endsWith("/staff");
        assertThat(later.get("/staff").statusCode()).isEqualTo(200);
        // the demo's staff have not set it up: the password alone still serves them outside production
        assertThat(new Http(port).getAs("/api/queues", "tier2", "demo").status()).isEqualTo(200);
    }

    @Test
    void aTier1RepresentativeSignsInAndSeesTheirRole() throws Exception {
        var result = signIn("tier1", "demo");

        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(result.headers().firstValue("Location").orElseThrow()).endsWith("/staff");
        var staff = get("/staff");
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.body()).contains("tier1").contains("TIER1");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        var result = signIn("tier2", "not-the-password");

        assertThat(result.headers().firstValue("Location").orElseThrow()).contains("/login?error");
        assertThat(get("/staff").statusCode()).isEqualTo(302);
    }

    @Test
    void staffPagesNeedSignInButPublicPagesDoNot() throws Exception {
        assertThat(get("/staff").headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/check-case-status").statusCode()).isEqualTo(200);
        assertThat(new Http(port).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void metricsAreForAdminsOnly() {
        var http = new Http(port);
        assertThat(http.send(http.request("/actuator/prometheus").header("Authorization", Http.basic("tier1", "demo")).GET())
                .status()).isEqualTo(403);
        var metrics = http.send(http.request("/actuator/prometheus").header("Authorization", Http.basic("admin", "demo")).GET());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests");
    }

    @Test
    void passwordsAreStoredHashed() {
        String stored = jdbc.sql("select password_hash from staff_user where username = 'tier2'").query(String.class).single();

        assertThat(stored).startsWith("{bcrypt}").doesNotContain("demo");
    }
}
