package org.caseline.accounts;

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
        Browser.assertAccessible(browser);
    }
}
