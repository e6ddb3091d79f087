package org.caseline.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser, in Spanish: a newcomer signs up, opens the mail in their mailbox, verifies,
 * sets up the authenticator app from the page, signs in with its code, links a sample case with
 * its access code and reads its history. axe finds nothing on any page.
 */
@CaseLineTest
class AccountPagesTest extends BrowserTest {

    @Autowired
    EmbeddedMailServer mail;

    private void type(String id, String text) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Signs up on the page, opens the mail's link, verifies and signs in: the page to set up the second step is next. */
    private void signUpAndSignIn(String email, String password) throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/account/sign-up?lang=en"));
        type("email", email);
        type("password", password);
        clickAndLoad(By.id("create"));
        var message = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        Matcher link = Pattern.compile("/account/verify\\?token=[0-9a-f]{48}").matcher(message.body());
        assertThat(link.find()).isTrue();
        browser.get(url(link.group()));
        clickAndLoad(By.id("confirm"));
        clickAndLoad(By.id("go-sign-in"));
        signInWith(email, password);
    }

    private void signInWith(String email, String password) {
        type("email", email);
        type("password", password);
        clickAndLoad(By.id("submit"));
    }

    @Test
    void aHolderMakesAPasskeyInsteadOfUsingAnAppAndSignsInWithIt() throws Exception {
        var phone = new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                .setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true);
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(phone);
        try {
            String email = "llave-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            signUpAndSignIn(email, "seven lanterns over a quiet harbour");
            browser.findElement(By.id("make-passkey")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/account")));
            assertThat(browser.findElement(By.id("no-cases")).isDisplayed()).isTrue();
            assertThat(authenticator.getCredentials()).as("the passkey lives on the device").hasSize(1);

            clickAndLoad(By.id("sign-out"));
            browser.get(url("/account/sign-in?lang=en"));
            signInWith(email, "seven lanterns over a quiet harbour");
            assertThat(browser.getCurrentUrl()).endsWith("/account/two-step");
            Browser.assertAccessible(browser);
            browser.findElement(By.id("use-passkey")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/account")));
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains(email);
        } finally {
            ((HasVirtualAuthenticator) browser).removeVirtualAuthenticator(authenticator);
        }
    }

    @Autowired
    SecureMessages secure;
    @Autowired
    StaffAccounts staff;

    @Test
    void anOfficerMakesAPasskeyAsTheirSecondStepAndThenSignsInWithIt() {
        String officer = "officer-" + UUID.randomUUID().toString().substring(0, 6);
        staff.createIfMissing(officer, "demo", "Officer", java.util.Set.of(Role.TIER2));
        var authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2).setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
        try {
            signIn(officer);
            browser.get(url("/staff/two-step?lang=en"));
            Browser.assertAccessible(browser);
            browser.findElement(By.id("make-passkey")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/staff?twoStep=on"));
            assertThat(browser.findElement(By.id("two-step-on")).isDisplayed()).isTrue();

            browser.manage().deleteAllCookies();
            browser.get(url("/login?lang=en"));
            browser.findElement(By.id("username")).sendKeys(officer);
            browser.findElement(By.id("password")).sendKeys("demo");
            clickAndLoad(By.cssSelector("form.usa-form button[type=submit]"));
            browser.get(url("/staff/desk"));
            assertThat(browser.getCurrentUrl()).as("the password alone opens no staff page").endsWith("/login/code");
            Browser.assertAccessible(browser);
            browser.findElement(By.id("use-passkey")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/staff")));
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains(officer);
        } finally {
            ((HasVirtualAuthenticator) browser).removeVirtualAuthenticator(authenticator);
        }
    }

    @Test
    void aHolderSendsASecureMessageWithAFileAndReadsTheAnswerInTheAccount() throws Exception {
        String email = "mensaje-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        signUpAndSignIn(email, "a quiet river under nine bridges");
        String secret = browser.findElement(By.id("secret")).getText();
        type("code", String.format("%06d", new TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), Instant.now())));
        clickAndLoad(By.id("verify-code"));

        clickAndLoad(By.id("messages-link"));
        assertThat(browser.findElement(By.id("no-threads")).getText()).isEqualTo("You have not written to us yet.");
        Browser.assertAccessible(browser);
        java.nio.file.Path pdf = java.nio.file.Files.createTempFile("receipt", ".pdf");
        java.nio.file.Files.write(pdf, ApplicantAccountsTest.PDF);
        type("subject", "My card");
        type("text", "I moved; where does my card go?");
        browser.findElement(By.id("files")).sendKeys(pdf.toString());
        clickAndLoad(By.id("send-message"));
        assertThat(browser.findElement(By.id("sent")).getText()).startsWith("Your message is sent");
        assertThat(browser.findElement(By.id("thread-messages")).getText()).contains("I moved; where does my card go?", pdf.getFileName().toString());
        Browser.assertAccessible(browser);

        String url = browser.getCurrentUrl();
        java.util.UUID thread = java.util.UUID.fromString(url.substring(url.lastIndexOf('/') + 1, url.indexOf('?')));
        secure.answer(thread, "tier1", "Change your address online first; the card then goes to the new one.");
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("thread-messages")).getText()).contains("CaseLine", "Change your address online first");
        assertThat(new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(2)).extracting(Mailbox.Received::subject)
                .contains("An answer is waiting in your CaseLine account");
    }

    @Test
    void aNewcomerSignsUpVerifiesSetsUpTwoStepAndReadsTheirCase() throws Exception {
        String email = "nueva-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.manage().deleteAllCookies();
        browser.get(url("/?lang=es"));
        clickAndLoad(By.linkText("Mi cuenta"));
        Browser.assertAccessible(browser);
        clickAndLoad(By.linkText("¿Olvidó su contraseña?"));
        Browser.assertAccessible(browser);
        browser.get(url("/account/sign-in?lang=es"));
        clickAndLoad(By.linkText("Crear una cuenta"));
        Browser.assertAccessible(browser);
        type("email", email);
        type("password", "hay un gato azul en la luna");
        clickAndLoad(By.id("create"));
        assertThat(browser.findElement(By.id("sent")).getText()).startsWith("Le enviamos un correo");

        var message = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(message.subject()).isEqualTo("Verifique su correo electrónico para su cuenta de CaseLine");
        Matcher link = Pattern.compile("/account/verify\\?token=[0-9a-f]{48}").matcher(message.body());
        assertThat(link.find()).isTrue();
        browser.get(url(link.group()));
        Browser.assertAccessible(browser);
        clickAndLoad(By.id("confirm"));
        assertThat(browser.findElement(By.id("verified")).getText()).startsWith("Su dirección está verificada");
        clickAndLoad(By.id("go-sign-in"));

        type("email", email);
        type("password", "hay un gato azul en la luna");
        clickAndLoad(By.id("submit"));
        assertThat(browser.findElements(By.cssSelector("#qr svg"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#backup-codes li"))).hasSize(10);
        Browser.assertAccessible(browser);
        String secret = browser.findElement(By.id("secret")).getText();
        type("code", String.format("%06d", new TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), Instant.now())));
        clickAndLoad(By.id("verify-code"));

        assertThat(browser.findElement(By.id("no-cases")).getText()).startsWith("Todavía no hay casos");
        Browser.assertAccessible(browser);
        type("receiptNumber", "EAC2590000707");
        type("accessCode", "MAL-CODIGO");
        clickAndLoad(By.id("link"));
        assertThat(browser.findElement(By.id("error")).getText()).startsWith("El número de recibo y el código de acceso no corresponden");
        type("accessCode", "DEMO0707");
        clickAndLoad(By.id("link"));

        assertThat(browser.findElement(By.id("case-heading")).getText()).isEqualTo("EAC2590000707");
        assertThat(browser.findElement(By.id("case-form")).getText()).startsWith("I-130");
        assertThat(browser.findElements(By.cssSelector("#case-history li")).size()).isGreaterThan(1);
        assertThat(browser.findElement(By.id("case-notices")).getText()).contains("Aviso de recibo", "Aviso de aprobación", "I-797");
        assertThat(browser.findElement(By.id("processing")).getText()).startsWith("Para el Formulario I-130");
        Browser.assertAccessible(browser);

        // asking for help from the account: no identity to give, the request then listed on the case
        clickAndLoad(By.id("case-requests"));
        assertThat(browser.findElement(By.id("no-requests")).getText()).startsWith("No se ha hecho");
        Browser.assertAccessible(browser);
        browser.findElement(By.cssSelector("label[for='type-typographical-error']")).click();
        clickAndLoad(By.id("continue"));
        assertThat(browser.findElements(By.id("dateOfBirth"))).isEmpty();
        type("field-document", "Aviso de aprobación");
        type("field-field", "El nombre");
        type("field-shown", "Mria");
        type("field-correct", "María");
        clickAndLoad(By.id("send"));
        String reference = browser.findElement(By.id("filed-reference")).getText();
        assertThat(browser.findElement(By.id("existing-requests")).getText()).contains(reference, "Error tipográfico");
        Browser.assertAccessible(browser);

        // choosing to hear of updates by mail
        clickAndLoad(By.id("back-to-case"));
        clickAndLoad(By.linkText("Mis casos"));
        browser.findElement(By.cssSelector("label[for='caseUpdates']")).click();
        clickAndLoad(By.id("save-preferences"));
        assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Se guardaron sus preferencias.");
        assertThat(browser.findElement(By.id("caseUpdates")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("sessions")).getText()).contains("Esta sesión", "Chrome / Linux");
        Browser.assertAccessible(browser);
        clickAndLoad(By.id("sign-out-everywhere"));
        browser.get(url("/account"));
        assertThat(browser.getCurrentUrl()).as("signed out").endsWith("/account/sign-in");
    }

    @Autowired
    org.caseline.cases.CaseIngestion ingestion;
    @Autowired
    org.caseline.cases.CaseAccessCodes accessCodes;
    @Autowired
    org.caseline.appointments.Appointments appointments;

    @Test
    void aHolderMovesTheirBiometricsAppointmentToAnEarlierTimeOnTheirAppointmentsPageInSpanish() throws Exception {
        String receipt = "EAC2691" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        var number = new org.caseline.cases.ReceiptNumber(receipt);
        ingestion.upsert(number, new org.caseline.cases.CaseIngestion.CaseData("I-485", java.time.LocalDate.of(2026, 6, 1), "NBC", null,
                false, null, null));
        accessCodes.assign(number, "C1TA-BI0M");
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.LocalDate day = java.time.LocalDate.now(newYork).plusWeeks(6);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        var booked = appointments.book(receipt, "BOSA", "biometrics", day.atTime(15, 45).atZone(newYork).toInstant(), null, "case system");

        String email = "cita-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        signUpAndSignIn(email, "seven lanterns over a dry canal");
        String secret = browser.findElement(By.id("secret")).getText();
        type("code", String.format("%06d", new TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), Instant.now())));
        clickAndLoad(By.id("verify-code"));
        type("receiptNumber", receipt);
        type("accessCode", "C1TABI0M");
        clickAndLoad(By.id("link"));

        browser.get(url("/account/appointments?lang=es"));
        var appointment = browser.findElement(By.id("appointment-" + booked.id()));
        assertThat(appointment.getText()).contains("Datos biométricos", "Centro de Apoyo para Solicitudes de Boston", "Programada", "a las 15:45");
        Browser.assertAccessible(browser);
        browser.findElement(By.cssSelector("label[for='slot-" + booked.id() + "-1']")).click();
        clickAndLoad(By.id("move-" + booked.id()));
        assertThat(browser.findElement(By.id("moved")).getText()).startsWith("Su cita es ahora el");
        Browser.assertAccessible(browser);
        var moved = appointments.find(booked.id()).orElseThrow();
        assertThat(moved.start()).isBefore(booked.start());
        assertThat(moved.reschedules()).isEqualTo(1);
    }
}
