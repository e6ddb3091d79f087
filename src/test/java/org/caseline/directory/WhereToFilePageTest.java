package org.caseline.directory;

import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor finds where to mail a form in a real browser, in English and Spanish; axe finds nothing. */
@CaseLineTest
class WhereToFilePageTest extends BrowserTest {

    private void choose(String form, String state) {
        new Select(browser.findElement(By.id("form"))).selectByValue(form);
        new Select(browser.findElement(By.id("state"))).selectByValue(state);
        submit();
    }

    private void submit() {
        clickAndLoad(By.cssSelector("#where-to-file button[type=submit]"));
    }

    @Test
    void aFormWithTwoWaysToFileAsksWhichThenGivesTheAddress() {
        browser.manage().deleteAllCookies();
        browser.get(url("/?lang=en"));
        clickAndLoad(By.linkText("Where to file"));

        choose("I-130", "TX");
        assertThat(browser.findElement(By.id("category-error")).getText()).isEqualTo("Choose how you are filing this form.");
        Browser.assertAccessible(browser);

        browser.findElement(By.cssSelector("label[for=category-alone]")).click();
        submit();

        assertThat(browser.findElement(By.id("filing-heading")).getText()).isEqualTo("Mail Form I-130 to");
        assertThat(browser.findElement(By.id("address-lines")).getText())
                .isEqualTo("USCIS Phoenix Lockbox\nP.O. Box 21281\nPhoenix, AZ 85036-1281");
        Browser.assertAccessible(browser);
    }

    @Test
    void aCourierGetsTheStreetAddressInSpanish() {
        browser.manage().deleteAllCookies();
        browser.get(url("/where-to-file?lang=es"));

        new Select(browser.findElement(By.id("form"))).selectByValue("N-400");
        new Select(browser.findElement(By.id("state"))).selectByVisibleText("Nueva York");
        browser.findElement(By.cssSelector("label[for=delivery-courier]")).click();
        submit();

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dónde enviar un formulario");
        assertThat(browser.findElement(By.id("address-lines")).getText()).contains("Lewisville, TX");
        assertThat(browser.findElement(By.id("effective")).getText()).startsWith("Esta dirección vale");
        Browser.assertAccessible(browser);
    }

    @Test
    void aFormNotFiledByMailSaysWhereToLook() {
        browser.manage().deleteAllCookies();
        browser.get(url("/where-to-file?lang=en&form=I-129&state=CA"));

        assertThat(browser.findElement(By.id("lookup-error")).getText()).contains("no mailing address on record for Form I-129",
                "form's page");
        assertThat(browser.findElements(By.id("filing-address"))).isEmpty();
        Browser.assertAccessible(browser);
    }
}
