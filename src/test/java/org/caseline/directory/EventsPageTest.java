package org.caseline.directory;

import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.caseline.support.MondayMorning;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor registers for an outreach event in a real browser, and cancels; in English and Spanish; axe finds nothing. */
@CaseLineTest
@Import(MovableClock.Settable.class)
class EventsPageTest extends BrowserTest {

    private static final String EVENT = "employers-call-2027-01";

    @Autowired
    MovableClock clock;

    @BeforeEach
    void beforeTheEvents() {
        clock.set(MondayMorning.AT);
        browser.manage().deleteAllCookies();
    }

    private void register(String name, String email) {
        browser.findElement(By.id("name-" + EVENT)).sendKeys(name);
        browser.findElement(By.id("email-" + EVENT)).sendKeys(email);
        clickAndLoad(By.cssSelector("#register-" + EVENT + " button[type=submit]"));
    }

    @Test
    void aVisitorRegistersGetsAReferenceAndCancelsWithTheirOwnLink() {
        browser.get(url("/?lang=en"));
        clickAndLoad(By.linkText("Events"));
        assertThat(browser.findElement(By.id("events-rule")).getText()).contains("cannot discuss individual cases");
        assertThat(browser.findElement(By.id("event-" + EVENT)).getText()).contains("By phone: call 1-800-555-0142, passcode 4417092");
        assertThat(browser.findElement(By.id("after-tps-info-session-2026-11")).getText()).contains("This event is over", "Slides (PDF)");
        assertThat(browser.findElements(By.id("register-tps-info-session-2026-11"))).isEmpty();
        Browser.assertAccessible(browser);

        register("Grace Okafor", "grace@example.com");

        assertThat(browser.findElement(By.id("registration-status")).getText()).isEqualTo("You are registered");
        assertThat(browser.findElement(By.id("registration-reference")).getText()).startsWith("Your reference: EV-");
        Browser.assertAccessible(browser);

        clickAndLoad(By.cssSelector("#cancel button[type=submit]"));
        assertThat(browser.findElement(By.id("registration-status")).getText()).isEqualTo("Your registration is cancelled");
    }

    @Test
    void aMistypedEmailIsExplainedAtItsFormInSpanish() {
        browser.get(url("/events?lang=es"));

        register("Rafael", "rafael-at-example");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Eventos comunitarios");
        assertThat(browser.findElement(By.id("error-" + EVENT)).getText()).isEqualTo("Escriba un correo electrónico, como nombre@ejemplo.com.");
        assertThat(browser.findElement(By.id("name-" + EVENT)).getAttribute("value")).isEqualTo("Rafael");
        Browser.assertAccessible(browser);
    }
}
