package org.caseline.accounts;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.ReceiptNumber;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An applicant's account over the API as a browser client uses it (a session cookie, the CSRF
 * token in its header), against real PostgreSQL and the embedded mail server read over IMAP.
 */
@CaseLineTest
class ApplicantAccountsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMailServer mail;
    @Autowired
    CaseIngestion ingestion;
    @Autowired
    org.caseline.cases.StaffCaseReads caseReads;

    /** One browser: its cookies, and the CSRF token sent back in its header. */
    final class Client {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String secret;
        String backup;
        /** When the app's code was entered at enrolment: that period's code is spent. */
        Instant enrolledAt;

        Response send(String method, String path, Object body) throws Exception {
            if (cookies.getCookieStore().getCookies().stream().noneMatch(c -> c.getName().equals("XSRF-TOKEN"))) {
                http.send(HttpRequest.newBuilder(uri("/api/account/csrf")).build(), HttpResponse.BodyHandlers.discarding());
            }
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
            var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        }

        /** A {@code multipart/form-data} POST: text fields, then files (name, bytes). */
        Response multipart(String path, Map<String, String> fields, Map<String, byte[]> files) throws Exception {
            send("GET", "/api/account/csrf", null);
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
            String boundary = "caseline-" + UUID.randomUUID();
            var body = new java.io.ByteArrayOutputStream();
            for (var f : fields.entrySet()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (var f : files.entrySet()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + f.getKey()
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.writeBytes(f.getValue());
                body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var response = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        }

        Response get(String path) throws Exception {
            var response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        }
    }

    record Response(int status, JsonNode json) {
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String someone() {
        return "applicant-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs up, opens the link in the mail, signs in, enrols an authenticator app and gives its code. */
    private Client aSignedInApplicant(String email, String language) throws Exception {
        Client client = new Client();
        assertThat(client.send("POST", "/api/account/sign-up", Map.of("email", email, "password", PASSWORD, "language", language)).status())
                .isEqualTo(202);
        String token = tokenIn(new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst().body());
        assertThat(client.send("POST", "/api/account/verify-email", Map.of("token", token)).status()).isEqualTo(200);
        assertThat(client.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD)).json()
                .path("secondFactor").asString()).isEqualTo("enrol");
        JsonNode enrolment = client.send("POST", "/api/account/totp", null).json();
        assertThat(enrolment.path("otpauthUri").asString()).startsWith("otpauth://totp/CaseLine:");
        assertThat(enrolment.path("backupCodes").size()).isEqualTo(10);
        client.enrolledAt = Instant.now();
        assertThat(client.send("POST", "/api/account/second-factor", Map.of("code", codeFor(enrolment.path("secret").asString(),
                client.enrolledAt))).status()).isEqualTo(200);
        client.secret = enrolment.path("secret").asString();
        client.backup = enrolment.path("backupCodes").get(0).asString();
        return client;
    }

    private static String tokenIn(String body) {
        Matcher m = Pattern.compile("token=([0-9a-f]{48})").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    private static String codeFor(String secret) throws Exception {
        return codeFor(secret, Instant.now());
    }

    /** The code the app shows at {@code at}; the next period's is good now too (clocks drift), once. */
    private static String codeFor(String secret, Instant at) throws Exception {
        return String.format("%06d", new TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), at));
    }

    @Test
    void aNewcomerSignsUpVerifiesEnrolsTwoStepLinksASampleCaseAndReadsItsWholeHistory() throws Exception {
        String email = someone();
        Client me = aSignedInApplicant(email, "es");

        Response linked = me.send("POST", "/api/account/cases", Map.of("receiptNumber", "LIN2590000303", "accessCode", "DEMO0303"));
        assertThat(linked.status()).as(String.valueOf(linked.json())).isEqualTo(201);
        JsonNode theCase = me.get("/api/account/cases/LIN2590000303").json();
        assertThat(theCase.path("form").asString()).isEqualTo("I-140");
        assertThat(theCase.path("history").size()).isGreaterThan(1);
        assertThat(theCase.path("statusTitle").asString()).isNotBlank();
        assertThat(me.get("/api/account/cases").json().path("cases").get(0).path("receiptNumber").asString()).isEqualTo("LIN2590000303");
        // who looked: the holder's own look just now, and a Tier 2 officer's read of the case
        caseReads.fullDetails(new ReceiptNumber("LIN2590000303"), "tier2", "caller verified");
        JsonNode views = me.get("/api/account/cases/LIN2590000303/views").json().path("views");
        assertThat(views.valueStream().map(v -> v.path("who").asString())).contains("you", "agency staff");

        // another account sees nothing of it, and cannot link it as the applicant
        Client other = aSignedInApplicant(someone(), "en");
        assertThat(other.get("/api/account/cases/LIN2590000303").status()).isEqualTo(404);
        assertThat(other.send("POST", "/api/account/cases", Map.of("receiptNumber", "LIN2590000303", "accessCode", "DEMO0303")).status())
                .isEqualTo(409);
    }

    @Test
    void theSecondStepIsRequiredAndABackupCodeWorksOnce() throws Exception {
        String email = someone();
        Client first = aSignedInApplicant(email, "en");
        Client later = new Client();
        assertThat(later.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD)).json()
                .path("secondFactor").asString()).isEqualTo("required");
        assertThat(later.get("/api/account/cases").status()).as("only the second step is open").isEqualTo(403);
        assertThat(later.send("POST", "/api/account/second-factor", Map.of("code", "000000")).status()).isEqualTo(422);
        assertThat(later.send("POST", "/api/account/second-factor", Map.of("code", first.backup)).status()).isEqualTo(200);
        assertThat(later.get("/api/account/cases").status()).isEqualTo(200);

        Client again = new Client();
        again.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD));
        assertThat(again.send("POST", "/api/account/second-factor", Map.of("code", first.backup)).status()).as("used once").isEqualTo(422);
        // the code of the period enrolment used, not of now: the test may cross into the next period
        assertThat(again.send("POST", "/api/account/second-factor", Map.of("code", codeFor(first.secret, first.enrolledAt))).status())
                .as("the app's code of the enrolment's period was used then: once only").isEqualTo(422);
        assertThat(again.send("POST", "/api/account/second-factor", Map.of("code", codeFor(first.secret, Instant.now().plusSeconds(30))))
                .status()).isEqualTo(200);
    }

    @Test
    void halfSignedInNoPasskeyCanBeMadeForAnAccountWithAnAppAndAForgedOneSignsNothingIn() throws Exception {
        String email = someone();
        aSignedInApplicant(email, "en");
        Client intruder = new Client(); // knows the password, not the second step
        JsonNode first = intruder.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD)).json();
        assertThat(first.path("methods").valueStream().map(JsonNode::asString)).containsExactly("totp");

        assertThat(intruder.send("POST", "/api/account/passkeys/options", null).status()).isEqualTo(403);
        assertThat(intruder.send("POST", "/api/account/passkeys", Map.of("credential", Map.of("id", "x"), "label", "mine")).status())
                .isEqualTo(403);
        assertThat(intruder.send("POST", "/api/account/passkey-challenge", null).json().path("code").asString()).isEqualTo("no-passkey");
        assertThat(intruder.send("POST", "/api/account/second-factor/passkey", Map.of("id", "forged", "type", "public-key")).status())
                .isEqualTo(422);
        assertThat(intruder.get("/api/account/cases").status()).isEqualTo(403);
    }

    @Test
    void theHolderSeesWhereTheyAreSignedInSignsOneOutThenSignsOutEverywhere() throws Exception {
        String email = someone();
        Client laptop = aSignedInApplicant(email, "en");
        Client phone = new Client();
        phone.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD));
        assertThat(phone.send("POST", "/api/account/second-factor", Map.of("code", laptop.backup)).status()).isEqualTo(200);

        JsonNode sessions = laptop.get("/api/account/sessions").json().path("sessions");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.valueStream().filter(s -> s.path("current").asBoolean()).count()).isEqualTo(1);
        assertThat(sessions.get(0).path("from").asString()).isEqualTo("127.0.0.1");
        String phoneHandle = sessions.valueStream().filter(s -> !s.path("current").asBoolean()).findFirst().orElseThrow()
                .path("handle").asString();

        assertThat(laptop.send("DELETE", "/api/account/sessions/" + phoneHandle, null).status()).isEqualTo(204);
        assertThat(phone.get("/api/account/cases").status()).as("the phone is signed out").isEqualTo(401);
        assertThat(laptop.get("/api/account/cases").status()).isEqualTo(200);
        assertThat(laptop.send("DELETE", "/api/account/sessions/" + phoneHandle, null).json().path("code").asString()).isEqualTo("no-session");

        Client tablet = new Client();
        tablet.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD));
        tablet.send("POST", "/api/account/second-factor", Map.of("code", codeFor(laptop.secret, Instant.now().plusSeconds(30))));
        assertThat(tablet.get("/api/account/cases").status()).isEqualTo(200);
        assertThat(laptop.send("POST", "/api/account/sign-out-everywhere", null).json().path("signedIn").asBoolean()).isFalse();
        assertThat(laptop.get("/api/account/cases").status()).isEqualTo(401);
        assertThat(tablet.get("/api/account/cases").status()).isEqualTo(401);
    }

    @Test
    void signUpTellsNothingAboutWhetherAnAddressHasAnAccountAndLinksAreSingleUse() throws Exception {
        String email = someone();
        Client client = new Client();
        assertThat(client.send("POST", "/api/account/sign-up", Map.of("email", email, "password", PASSWORD, "language", "en")).status()).isEqualTo(202);
        assertThat(client.send("POST", "/api/account/sign-up", Map.of("email", email, "password", PASSWORD, "language", "en")).status()).isEqualTo(202);
        // the two mails go out together: which arrives first is the mail server's business
        var mails = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(2);
        assertThat(mails).extracting(Mailbox.Received::subject)
                .containsExactlyInAnyOrder("Verify your email address for your CaseLine account", "You already have a CaseLine account");
        String token = tokenIn(mails.stream().filter(m -> m.subject().startsWith("Verify")).findFirst().orElseThrow().body());
        assertThat(client.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD)).status())
                .as("not verified yet").isEqualTo(401);
        assertThat(client.send("POST", "/api/account/verify-email", Map.of("token", token)).status()).isEqualTo(200);
        assertThat(client.send("POST", "/api/account/verify-email", Map.of("token", token)).json().path("code").asString()).isEqualTo("token-used");
        assertThat(client.send("POST", "/api/account/sign-up", Map.of("email", someone(), "password", "password1234", "language", "en"))
                .json().path("message").asString()).contains("too easy to guess");
    }

    @Test
    void aVerificationLinkOlderThanADayNoLongerWorksAndSaysSo() throws Exception {
        String email = someone();
        Client client = new Client();
        client.send("POST", "/api/account/sign-up", Map.of("email", email, "password", PASSWORD, "language", "en"));
        String token = tokenIn(new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst().body());
        // the link was mailed more than a day ago
        jdbc.sql("update applicant_token set expires_at = now() - interval '1 minute' where account_id = "
                + "(select id from applicant_account where email = ?)").param(email).update();

        Response late = client.send("POST", "/api/account/verify-email", Map.of("token", token));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().path("code").asString()).isEqualTo("token-expired");
        assertThat(client.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD)).status())
                .as("still not verified").isEqualTo(401);
    }

    @Test
    void wrongAccessCodesGetOneAnswerAndFiveLockTheCase() throws Exception {
        String receipt = "EAC2694" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new ReceiptNumber(receipt), new CaseIngestion.CaseData("I-90", java.time.LocalDate.of(2025, 5, 5), "NBC", null,
                false, null, null));
        Client me = aSignedInApplicant(someone(), "en");

        Response wrong = me.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "WRONG1"));
        Response none = me.send("POST", "/api/account/cases", Map.of("receiptNumber", "EAC2699999999", "accessCode", "WRONG1"));
        assertThat(wrong.json().path("message").asString()).isEqualTo(none.json().path("message").asString())
                .isEqualTo("The receipt number and access code do not match a case. Check both on your notice.");
        for (int i = 0; i < 3; i++) {
            me.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "WRONG1"));
        }
        Response locked = me.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "WRONG1"));
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.json().path("message").asString()).contains("Try again in an hour");
    }

    @Autowired
    org.caseline.cases.CaseAccessCodes accessCodes;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** Like {@link #aSignedInApplicant}, for an attorney or accredited representative. */
    private Client aSignedInRepresentative(String email) throws Exception {
        Client client = new Client();
        client.send("POST", "/api/account/sign-up", Map.of("email", email, "password", PASSWORD, "language", "en", "kind", "REPRESENTATIVE"));
        client.send("POST", "/api/account/verify-email", Map.of("token", tokenIn(new Mailbox(mail.host(), mail.imapPort(), email)
                .awaitMails(1).getFirst().body())));
        client.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD));
        String secret = client.send("POST", "/api/account/totp", null).json().path("secret").asString();
        assertThat(client.send("POST", "/api/account/second-factor", Map.of("code", codeFor(secret))).status()).isEqualTo(200);
        return client;
    }

    @Test
    void aStatusChangeMailsOnlyTheHoldersWhoChoseToHearAndTheMailSaysNothingOfTheCase() throws Exception {
        String receipt = "EAC2695" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ReceiptNumber number = new ReceiptNumber(receipt);
        ingestion.upsert(number, new CaseIngestion.CaseData("I-765", java.time.LocalDate.of(2026, 6, 1), "NBC", null, false, null, null));
        accessCodes.assign(number, "K7Q4-M2P9");
        String applicantEmail = someone();
        Client applicant = aSignedInApplicant(applicantEmail, "en");
        assertThat(applicant.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "k7q4m2p9")).status()).isEqualTo(201);
        assertThat(applicant.get("/api/account/me").json().path("caseUpdates").asBoolean()).as("off until chosen").isFalse();
        // the applicant's attorney links it too, saying how the client consented, and chooses to hear of updates
        String lawyerEmail = "lawyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Client lawyer = aSignedInRepresentative(lawyerEmail);
        Response noConsent = lawyer.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "K7Q4M2P9"));
        assertThat(noConsent.json().path("code").asString()).isEqualTo("consent");
        assertThat(lawyer.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "K7Q4M2P9",
                "consent", "Form G-28 signed by the client on 2026-06-02")).status()).isEqualTo(201);
        assertThat(lawyer.get("/api/account/cases/" + receipt).json().path("role").asString()).isEqualTo("REPRESENTATIVE");
        assertThat(lawyer.send("PUT", "/api/account/preferences", Map.of("caseUpdates", true)).json().path("caseUpdates").asBoolean()).isTrue();
        assertThat(lawyer.send("PUT", "/api/account/preferences", Map.of("language", "fr")).status()).isEqualTo(422);

        ingestion.append(number, new CaseIngestion.StatusEvent("evt-" + UUID.randomUUID(), "CARD_MAILED", Instant.now()));

        Mailbox.Received notice = new Mailbox(mail.host(), mail.imapPort(), lawyerEmail).awaitMails(2).get(1);
        assertThat(notice.subject()).isEqualTo("There is an update on a case in your account");
        assertThat(notice.body()).doesNotContain(receipt).doesNotContain("Card").doesNotContain("I-765");
        // once every event is delivered and nothing waits in the outbox, the lawyer has one notice and the applicant none
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                jdbc.sql("select count(*) from event_publication where completion_date is null and event_type like '%CaseStatusChanged'")
                        .query(Integer.class).single() == 0
                        && jdbc.sql("select count(*) from messaging_outbox where recipient in (?, ?) and status = 'PENDING'")
                        .params(lawyerEmail, applicantEmail).query(Integer.class).single() == 0);
        assertThat(jdbc.sql("select count(*) from messaging_outbox where recipient = ? and purpose = 'account-update'").param(lawyerEmail)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(new Mailbox(mail.host(), mail.imapPort(), applicantEmail).read()).extracting(Mailbox.Received::subject)
                .doesNotContain("There is an update on a case in your account");
    }

    @Autowired
    org.caseline.cases.CaseNotices notices;

    @Test
    void theHoldersCaseShowsTheNoticesMailedAndWhetherItIsOutsideItsProcessingTime() throws Exception {
        String old = "EAC2696" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new ReceiptNumber(old), new CaseIngestion.CaseData("I-130", java.time.LocalDate.now().minusYears(3), "VSC", null,
                false, null, null));
        accessCodes.assign(new ReceiptNumber(old), "OLD-CASE-1");
        notices.record(new ReceiptNumber(old), new org.caseline.cases.CaseNotices.NoticeEvent("n-" + old, "RECEIPT",
                java.time.LocalDate.now().minusYears(3).plusDays(2)));
        Client me = aSignedInApplicant(someone(), "es");
        me.send("POST", "/api/account/cases", Map.of("receiptNumber", old, "accessCode", "OLD-CASE-1"));
        me.send("POST", "/api/account/cases", Map.of("receiptNumber", "IOE2590000202", "accessCode", "DEMO0202"));

        JsonNode oldCase = me.get("/api/account/cases/" + old).json();
        assertThat(oldCase.path("notices").get(0).path("name").asString()).isEqualTo("Aviso de recibo");
        assertThat(oldCase.path("notices").get(0).path("form").asString()).isEqualTo("I-797C");
        assertThat(oldCase.path("outsideProcessingTime").asBoolean()).as("three years is longer than any published time").isTrue();
        // the sample case: the receipt and the biometrics appointment its history means were mailed
        assertThat(me.get("/api/account/cases/IOE2590000202").json().path("notices").valueStream().map(n -> n.path("type").asString()))
                .containsExactlyInAnyOrder("RECEIPT", "BIOMETRICS_APPOINTMENT");
    }

    @Test
    void anAccountHolderAsksForHelpWithTheirOwnCaseAndSeesTheRequestOnIt() throws Exception {
        Client me = aSignedInApplicant(someone(), "en");
        me.send("POST", "/api/account/cases", Map.of("receiptNumber", "MSC2590000404", "accessCode", "DEMO0404"));

        Response filed = me.send("POST", "/api/account/cases/MSC2590000404/service-requests", Map.of("type", "typographical-error",
                "fields", Map.of("document", "Interview notice", "field", "Name", "shown", "Mria", "correct", "Maria")));

        assertThat(filed.status()).as(String.valueOf(filed.json())).isEqualTo(201);
        String reference = filed.json().path("reference").asString();
        assertThat(me.get("/api/account/cases/MSC2590000404/service-requests").json().path("requests").get(0).path("reference").asString())
                .isEqualTo(reference);
        assertThat(me.send("POST", "/api/account/cases/WAC2590000505/service-requests", Map.of("type", "typographical-error",
                "fields", Map.of())).status()).as("not their case").isEqualTo(404);
    }

    @Test
    void theHolderTakesAllTheirDataAwayAndDeletesTheAccount() throws Exception {
        String email = someone();
        Client me = aSignedInApplicant(email, "en");
        me.send("POST", "/api/account/cases", Map.of("receiptNumber", "SRC2590000606", "accessCode", "DEMO0606"));

        JsonNode export = me.get("/api/account/export").json();
        assertThat(export.path("account").path("email").asString()).isEqualTo(email);
        assertThat(export.path("cases").get(0).path("receiptNumber").asString()).isEqualTo("SRC2590000606");
        assertThat(export.path("mail").get(0).path("subject").asString()).isEqualTo("Verify your email address for your CaseLine account");
        assertThat(export.path("messages").isArray()).as("secure messages go with the export").isTrue();
        assertThat(export.path("passkeys").isArray()).isTrue();

        assertThat(me.send("DELETE", "/api/account", Map.of("password", "not it")).status()).isEqualTo(422);
        assertThat(me.send("DELETE", "/api/account", Map.of("password", PASSWORD)).status()).isEqualTo(204);
        assertThat(me.get("/api/account/cases").status()).as("signed out").isEqualTo(401);
        Client again = new Client();
        assertThat(again.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(401);
        // the case is free for its applicant to link again
        Client other = aSignedInApplicant(someone(), "en");
        assertThat(other.send("POST", "/api/account/cases", Map.of("receiptNumber", "SRC2590000606", "accessCode", "DEMO0606")).status())
                .isEqualTo(201);
    }

    @Test
    void aForgottenPasswordIsReplacedByTheMailsLinkOnceAndEverySessionEnds() throws Exception {
        String email = someone();
        Client signedIn = aSignedInApplicant(email, "en");
        Client client = new Client();
        assertThat(client.send("POST", "/api/account/password-reset", Map.of("email", email)).status()).isEqualTo(202);
        assertThat(client.send("POST", "/api/account/password-reset", Map.of("email", someone())).status()).as("no account: the same").isEqualTo(202);
        var reset = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(2).get(1);
        assertThat(reset.subject()).isEqualTo("Choose a new password for your CaseLine account");
        String token = tokenIn(reset.body());

        assertThat(client.send("POST", "/api/account/password-reset/confirm", Map.of("token", token, "password", "a brand new river of stones"))
                .status()).isEqualTo(200);
        assertThat(signedIn.get("/api/account/cases").status()).as("signed in with the old password: out").isEqualTo(401);
        assertThat(client.send("POST", "/api/account/password-reset/confirm", Map.of("token", token, "password", "another one of the kind"))
                .json().path("code").asString()).isEqualTo("token-used");
        assertThat(client.send("POST", "/api/account/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(401);
        assertThat(client.send("POST", "/api/account/sign-in", Map.of("email", email, "password", "a brand new river of stones")).status())
                .isEqualTo(200);
    }

    /** The smallest file a PDF reader opens, as a scanned notice would begin. */
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void aHolderWritesAboutTheirCaseWithAFileTier2AnswersWithTheCasesDetailsAndTheMailSaysOnlyThatAnAnswerWaits() throws Exception {
        String receipt = "EAC2697" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new ReceiptNumber(receipt), new CaseIngestion.CaseData("I-485", java.time.LocalDate.of(2025, 9, 1), "NBC", null,
                false, null, null));
        accessCodes.assign(new ReceiptNumber(receipt), "SECURE-MSG-1");
        String email = someone();
        Client me = aSignedInApplicant(email, "en");
        me.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "SECURE-MSG-1"));

        Response disguised = me.multipart("/api/account/messages", Map.of("subject", "My notice", "text", "See the file"),
                Map.of("notice.png", "just text, not a picture".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(disguised.status()).isEqualTo(415);
        assertThat(disguised.json().path("message").asString()).contains("notice.png", "not a PDF, JPEG or PNG");
        assertThat(me.get("/api/account/messages").json().path("threads").size()).as("nothing stored").isZero();
        assertThat(me.send("POST", "/api/account/messages", Map.of("subject", "x", "text", "y", "receiptNumber", "LIN2590000303")).status())
                .as("not their case").isEqualTo(404);

        Response started = me.multipart("/api/account/messages", Map.of("subject", "Biometrics letter", "text",
                "<b>I never got</b> the biometrics letter; my receipt is attached.", "receiptNumber", receipt), Map.of("receipt.pdf", PDF));
        assertThat(started.status()).as(String.valueOf(started.json())).isEqualTo(201);
        String thread = started.json().path("id").asString();
        assertThat(started.json().path("messages").get(0).path("attachments").get(0).path("mediaType").asString()).isEqualTo("application/pdf");

        var http = new org.caseline.support.Http(port);
        router.agent("tier2");
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier2", "demo");
        JsonNode offered = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            for (JsonNode m : http.sendJson("GET", "/api/agents/me", "", "tier2", "demo").json().path("messages")) {
                if (thread.equals(m.path("attributes").path("thread").asString())) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
        assertThat(offered.path("queue").asString()).as("a question about a case is Tier 2's").isEqualTo("case-messages-en");
        String id = offered.path("id").asString();
        http.sendJson("POST", "/api/agents/me/interactions/" + id + "/accept", "{}", "tier2", "demo");
        JsonNode seen = http.sendJson("GET", "/api/agents/me/interactions/" + id + "/thread", "", "tier2", "demo").json();
        assertThat(seen.path("receiptNumber").asString()).isEqualTo(receipt);
        JsonNode panel = http.sendJson("GET", "/api/agents/me/interactions/" + id + "/case", "", "tier2", "demo").json();
        assertThat(panel.path("level").asString()).as("the account proved who wrote: the officer sees the case in full").isEqualTo("full");
        assertThat(panel.path("receiptNumber").asString()).isEqualTo(receipt);
        String file = seen.path("entries").get(0).path("attachments").get(0).path("id").asString();
        var download = http.send(http.request("/api/agents/me/interactions/" + id + "/attachments/" + file)
                .header("Authorization", org.caseline.support.Http.basic("tier2", "demo")).GET());
        assertThat(download.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        assertThat(download.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).hasSize(PDF.length);

        var answered = http.sendJson("POST", "/api/agents/me/interactions/" + id + "/reply",
                "{\"text\":\"Case " + receipt + ": the biometrics notice was mailed again today.\"}", "tier2", "demo");
        assertThat(answered.status()).as("in the account, the case may be named").isEqualTo(200);
        http.sendJson("POST", "/api/agents/me/interactions/" + id + "/close", "{\"disposition\":\"answered\"}", "tier2", "demo");
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"OFFLINE\"}", "tier2", "demo");

        Mailbox.Received told = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(2).get(1);
        assertThat(told.subject()).isEqualTo("An answer is waiting in your CaseLine account");
        assertThat(told.body()).doesNotContain(receipt).doesNotContain("biometrics");
        JsonNode mine = me.get("/api/account/messages/" + thread).json();
        assertThat(mine.path("status").asString()).isEqualTo("ANSWERED");
        assertThat(mine.path("messages").get(1).path("body").asString()).contains(receipt, "mailed again");

        Client other = aSignedInApplicant(someone(), "en");
        assertThat(other.get("/api/account/messages/" + thread).status()).isEqualTo(404);
        assertThat(other.get("/api/account/messages/attachments/" + file).status()).isEqualTo(404);
    }

    @Autowired
    org.caseline.routing.Router router;

    @Test
    void aHolderMovesTheirBiometricsAppointmentToAnEarlierSlotTwiceAtMostAndAsksForAnInterviewButSeesNoOneElses() throws Exception {
        String receipt = "EAC2696" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ReceiptNumber number = new ReceiptNumber(receipt);
        ingestion.upsert(number, new CaseIngestion.CaseData("I-485", java.time.LocalDate.of(2026, 6, 1), "NBC", null, false, null, null));
        accessCodes.assign(number, "B1OM-3TR5");
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.LocalDate day = java.time.LocalDate.now(newYork).plusWeeks(5);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        // the case system schedules the first biometrics appointment
        var http = new org.caseline.support.Http(port);
        var scheduled = http.sendJson("POST", "/api/cases/" + receipt + "/appointments", JSON.writeValueAsString(Map.of("eventId",
                "bio-" + UUID.randomUUID(), "type", "biometrics", "office", "BOSA", "start",
                day.atTime(15, 45).atZone(newYork).toInstant().toString())), "admin", "demo");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
        String id = scheduled.json().path("id").asString();

        Client holder = aSignedInApplicant(someone(), "en");
        Client stranger = aSignedInApplicant(someone(), "en");
        assertThat(holder.get("/api/account/appointments").json().path("appointments").size()).as("not linked yet").isZero();
        assertThat(holder.send("POST", "/api/account/cases", Map.of("receiptNumber", receipt, "accessCode", "B1OM3TR5")).status()).isEqualTo(201);
        JsonNode mine = holder.get("/api/account/appointments").json().path("appointments");
        assertThat(mine.get(0).path("id").asString()).isEqualTo(id);
        assertThat(stranger.get("/api/account/appointments/" + id + "/slots").status()).as("another's appointment does not exist for them")
                .isEqualTo(404);

        JsonNode slots = holder.get("/api/account/appointments/" + id + "/slots").json();
        assertThat(slots.size()).isGreaterThan(0);
        assertThat(Instant.parse(slots.get(0).path("start").asString())).isBefore(Instant.parse(mine.get(0).path("start").asString()));
        // to the latest of the earlier slots offered, then to the earliest: each is earlier than the one before
        JsonNode offered = holder.get("/api/account/appointments/" + id + "/slots").json();
        int move = 0;
        for (JsonNode slot : java.util.List.of(offered.get(offered.size() - 1), offered.get(0))) {
            Response moved = holder.send("POST", "/api/account/appointments/" + id + "/reschedule",
                    Map.of("start", slot.path("start").asString(), "office", slot.path("office").asString()));
            assertThat(moved.status()).as(String.valueOf(moved.json())).isEqualTo(200);
            assertThat(moved.json().path("reschedules").asInt()).isEqualTo(++move);
        }
        JsonNode another = offered.get(offered.size() / 2);
        Response third = holder.send("POST", "/api/account/appointments/" + id + "/reschedule",
                Map.of("start", another.path("start").asString(), "office", another.path("office").asString()));
        assertThat(third.status()).isEqualTo(422);
        assertThat(third.json().path("code").asString()).isEqualTo("moved-too-often");

        // an interview is Tier 2's to schedule: the holder asks, and sees the request
        Response asked = holder.send("POST", "/api/account/appointment-requests", Map.of("receiptNumber", receipt, "type", "interview",
                "reason", "I missed my interview because I was in hospital."));
        assertThat(asked.status()).as(String.valueOf(asked.json())).isEqualTo(201);
        assertThat(holder.get("/api/account/appointments").json().path("requests").get(0).path("status").asString()).isEqualTo("REQUESTED");
        assertThat(stranger.send("POST", "/api/account/appointment-requests", Map.of("receiptNumber", receipt, "type", "interview",
                "reason", "Not my case")).status()).isEqualTo(404);
        assertThat(holder.send("POST", "/api/account/appointments/" + id + "/cancel", null).json().path("status").asString())
                .isEqualTo("CANCELLED");
    }
}
