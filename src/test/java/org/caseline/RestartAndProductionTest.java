package org.caseline;

import java.nio.file.Path;
import java.time.LocalDate;

import org.caseline.cases.CaseIngestion;
import org.caseline.cases.CaseStatusService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded database keeps its data across restarts, and production refuses demo accounts. */
class RestartAndProductionTest {

    @TempDir
    Path dataRoot;

    private ConfigurableApplicationContext start(String... profiles) {
        return new SpringApplicationBuilder(CaseLineApplication.class)
                .profiles(profiles)
                // command-line arguments outrank the test profile's throw-away database
                .run("--server.port=0",
                        "--caseline.database.embedded.data-dir=" + dataRoot.resolve("postgres"),
                        "--caseline.database.embedded.clean=false",
                        "--caseline.demo.cases=50");
    }

    @Test
    void aRestartKeepsWhatWasStored() {
        try (var first = start("test")) {
            first.getBean(CaseIngestion.class).upsert(first.getBean(CaseStatusService.class).parseReceipt("EAC2600900001"),
                    new CaseIngestion.CaseData("I-130", LocalDate.of(2026, 1, 5), "VSC", null, null, "APPROVED", null));
        }

        try (var second = start("test")) {
            var cases = second.getBean(CaseStatusService.class);
            var view = cases.findStatus(cases.parseReceipt("EAC2600900001"));
            assertThat(view).isPresent();
            assertThat(view.get().status().code()).isEqualTo("APPROVED");
        }
    }

    @Test
    void productionRefusesToStartWhileDemoAccountsExist() {
        try (var demo = start("test")) {
            assertThat(demo.isRunning()).isTrue();
        }

        assertThatThrownBy(() -> start("test", "prod").close())
                .hasMessageContaining("Refusing to start").hasMessageContaining("admin");
    }

    @Test
    void inProductionAnAdministratorMustSetUpTwoStepBeforeAnyStaffPage() throws Exception {
        try (var live = start("test", "prod")) {
            live.getBean(org.caseline.accounts.StaffAccounts.class).createIfMissing("chief", "a long and private passphrase", "Chief",
                    java.util.Set.of(org.caseline.accounts.Role.ADMIN));
            int port = Integer.parseInt(live.getEnvironment().getProperty("local.server.port"));
            var http = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/login")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
            assertThat(csrf.find()).isTrue();
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(org.caseline.support.Http.form(java.util.Map.of(
                            "username", "chief", "password", "a long and private passphrase", "_csrf", csrf.group(1))))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            var staffPage = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/staff/flows"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(staffPage.headers().firstValue("Location").orElseThrow()).endsWith("/staff/two-step");
            var basic = new org.caseline.support.Http(port).getAs("/api/audit/sign-ins", "chief", "a long and private passphrase");
            assertThat(basic.status()).isEqualTo(401);
            assertThat(basic.json().path("message").asString()).contains("set up two-step verification");
        }
    }
}
