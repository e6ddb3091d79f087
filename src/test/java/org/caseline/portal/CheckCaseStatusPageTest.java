package org.caseline.portal;

import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor checks a case status in a real browser, in English and Spanish; axe finds nothing. */
@CaseLineTest
class CheckCaseStatusPageTest extends BrowserTest {

    private void open(String path) {
        browser.manage().deleteAllCookies();
        browser.get(url(path));
    }

    private void lookUp(String typed) {
        var field = browser.findElement(By.id("receipt"));
        field.clear();
        field.sendKeys(typed);
        clickAndLoad(By.cssSelector("form.usa-form button[type=submit]"));
    }

    @Test
    void aVisitorTypesAReceiptTheWayItIsPrintedAndSeesTheStatus() {
        open("/check-case-status?lang=en");

        lookUp("msc-25-900-00404");

        assertThat(browser.findElement(By.id("status-title")).getText()).isEqualTo("Interview Was Scheduled");
        assertThat(browser.findElement(By.id("status-description")).getText())
                .contains("Form I-485", "MSC2590000404");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).hasSize(6);
        assertThat(browser.findElement(By.id("processing-time")).getText()).contains("80%", "I-485");
        Browser.assertAccessible(browser);
    }

    @Test
    void theSamePageReadsInSpanish() {
        open("/check-case-status?lang=en&receipt=MSC2590000404");

        clickAndLoad(By.id("language-switch"));

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Verificar el estado del caso");
        assertThat(browser.findElement(By.id("status-title")).getText()).isEqualTo("Se Programó la Entrevista");
        assertThat(browser.findElement(By.id("status-description")).getText()).contains("Formulario I-485");
        Browser.assertAccessible(browser);
    }

    @Test
    void aMistypedNumberIsExplainedNextToTheField() {
        open("/check-case-status?lang=en");

        lookUp("EAC25900001");

        assertThat(browser.findElement(By.id("receipt-error")).getText()).contains("too short", "11 characters");
        assertThat(browser.findElement(By.id("receipt")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.id("case-status"))).isEmpty();
        Browser.assertAccessible(browser);
    }

    @Test
    void anUnknownNumberSaysWhatToDoInSpanish() {
        open("/check-case-status?lang=es");

        lookUp("EAC2590099999");

        assertThat(browser.findElement(By.id("lookup-error")).getText()).contains("No encontramos", "1-800-375-5283");
        Browser.assertAccessible(browser);
    }

    @Test
    void aCaseWithTheDepartmentOfStateSaysSo() {
        open("/check-case-status?lang=en&receipt=EAC2590000707");

        assertThat(browser.findElement(By.id("dos-notice")).getText()).contains("National Visa Center");
        Browser.assertAccessible(browser);
    }

    @Test
    void theHomeAndSignInPagesAreAccessibleInBothLanguages() {
        for (String path : new String[] {"/?lang=en", "/?lang=es", "/login?lang=en", "/login?lang=es"}) {
            open(path);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
            Browser.assertAccessible(browser);
        }
    }
}
