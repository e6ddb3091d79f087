package org.caseline.messaging;

import java.util.UUID;

import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** "Write to us" in a real browser, in Spanish: what is wrong is named, a robot is dropped, a person gets a reference. */
@CaseLineTest
class ContactPageTest extends BrowserTest {

    @Autowired
    EmbeddedMailServer mail;
    @Autowired
    JdbcClient jdbc;

    private void type(String id, String text) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** The page was opened this long ago, as a person who took their time to write would have. */
    private void openedSecondsAgo(int seconds) {
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('[name=started]').value = String(Date.now() - arguments[0] * 1000)", seconds);
    }

    @Test
    void aVisitorWritesInSpanishIsToldWhatIsMissingAndGetsAReferenceByPageAndMail() {
        String email = "visita-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.manage().deleteAllCookies();
        browser.get(url("/?lang=es"));
        clickAndLoad(By.linkText("Escríbanos"));
        Browser.assertAccessible(browser);

        type("name", "Luis Pérez");
        type("email", email);
        openedSecondsAgo(30);
        clickAndLoad(By.id("send"));
        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("Elija de qué se trata", "Escriba su pregunta");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Luis Pérez");
        Browser.assertAccessible(browser);

        new Select(browser.findElement(By.id("topic"))).selectByValue("appointments");
        type("text", "<script>alert(1)</script> ¿Cómo cambio mi cita?");
        openedSecondsAgo(0);
        clickAndLoad(By.id("send"));
        assertThat(browser.findElement(By.id("error-summary")).getText()).as("sent sooner than a person writes").contains("Fue muy rápido");

        openedSecondsAgo(30);
        clickAndLoad(By.id("send"));
        String reference = browser.findElement(By.id("sent-reference")).getText();
        assertThat(reference).matches("M-\\d{8}");
        assertThat(browser.findElement(By.id("sent-due")).getText()).startsWith("Le responderemos por correo electrónico a más tardar el");
        Browser.assertAccessible(browser);

        var ack = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(ack.subject()).isEqualTo("Recibimos su mensaje " + reference);
        assertThat(ack.body()).as("kept as the text it was").contains("<script>alert(1)</script> ¿Cómo cambio mi cita?");
    }

    @Autowired
    ContactMessages contactMessages;
    @Autowired
    org.caseline.routing.Router router;

    @Test
    void anAgentAnswersAMessageAtTheDeskWhereAnAnswerWithCaseDetailsIsRefusedAndClosesIt() {
        org.caseline.support.WrittenContacts.endAll(jdbc);
        router.agent("tier1");
        router.agent("tier2");
        router.state("tier2", org.caseline.routing.AgentState.OFFLINE, null);
        router.state("tier1", org.caseline.routing.AgentState.OFFLINE, null);
        String reference = contactMessages.receive(new ContactMessages.Submission("Kim Lee", "kim-" + UUID.randomUUID().toString()
                .substring(0, 8) + "@example.com", "en", "forms-and-fees", "Which fee do I pay for an N-400?"), "127.0.0.1").reference();
        var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        try {
            signIn("tier1");
            browser.get(url("/staff/desk?lang=en"));
            wait.until(d -> d.findElement(By.id("live")).getText().equals("Connected"));
            browser.findElement(By.id("go-available")).click();
            wait.until(d -> d.findElement(By.id("inbox")).getText().contains(reference));
            Browser.assertAccessible(browser);

            browser.findElements(By.cssSelector("#inbox button")).stream().filter(b -> b.getText().contains(reference)).findFirst()
                    .orElseThrow().click();
            wait.until(d -> d.findElement(By.id("message-thread")).getText().contains("Which fee do I pay for an N-400?"));
            type("message-reply", "Your case EAC2590000101 needs a fee.");
            browser.findElement(By.id("message-send")).click();
            wait.until(d -> d.findElement(By.id("error")).getText().contains("receipt number"));

            type("message-reply", "The fee for Form N-400 is on the form's page, under Filing fees.");
            browser.findElement(By.id("message-send")).click();
            wait.until(d -> d.findElement(By.id("message-result")).getText().equals("The answer is on its way."));
            assertThat(browser.findElement(By.id("message-thread")).getText()).contains("We answered", "Filing fees");
            Browser.assertAccessible(browser);

            new Select(browser.findElement(By.id("message-disposition"))).selectByValue("answered");
            browser.findElement(By.id("message-close")).click();
            wait.until(d -> !d.findElement(By.id("inbox")).getText().contains(reference));
        } finally {
            router.state("tier1", org.caseline.routing.AgentState.OFFLINE, null);
        }
    }

    @Test
    void aFormThatFillsTheFieldNoPersonSeesIsDroppedQuietly() {
        int before = jdbc.sql("select count(*) from contact_message").query(Integer.class).single();
        browser.manage().deleteAllCookies();
        browser.get(url("/contact?lang=en"));
        type("name", "Bot");
        type("email", "bot@example.com");
        new Select(browser.findElement(By.id("topic"))).selectByValue("general");
        type("text", "Buy now");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('website').value = 'http://spam.example'");
        openedSecondsAgo(30);
        clickAndLoad(By.id("send"));

        assertThat(browser.findElement(By.id("dropped")).getText()).isEqualTo("We received your message");
        assertThat(jdbc.sql("select count(*) from contact_message").query(Integer.class).single()).isEqualTo(before);
    }
}
