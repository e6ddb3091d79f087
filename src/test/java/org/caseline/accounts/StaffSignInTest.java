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

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String user, String password) throws Exception {
        String page = get("/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(Http.form(Map.of(
                                "username", user, "password", password, "_csrf", csrf.group(1))))).build(),
                HttpResponse.BodyHandlers.ofString());
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
