package org.caseline.directory;

import java.time.Duration;

import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor finds their office in a real browser, by ZIP code or by country, in English and Spanish; axe finds nothing. */
@CaseLineTest
class OfficeLocatorPageTest extends BrowserTest {

    private void open(String path) {
        browser.manage().deleteAllCookies();
        browser.get(url(path));
    }

    private void findByZip(String typed) {
        var field = browser.findElement(By.id("zip"));
        field.clear();
        field.sendKeys(typed);
        clickAndLoad(By.cssSelector("#by-zip button[type=submit]"));
    }

    @Test
    void aVisitorTypesTheirZipCodeAndSeesTheirFieldOfficeAndTheNearestSupportCenters() {
        open("/?lang=en");
        clickAndLoad(By.linkText("Find an office"));

        findByZip("77002");

        assertThat(browser.findElement(By.id("field-office-name")).getText()).isEqualTo("Houston Field Office");
        assertThat(browser.findElement(By.id("field-office-address")).getText()).isEqualTo("810 Gears Road, Houston, TX 77067");
        assertThat(browser.findElement(By.id("field-office-hours")).getText()).contains("by appointment only");
        var rows = browser.findElements(By.cssSelector("#support-centers tbody tr"));
        assertThat(rows).hasSize(Directory.SUPPORT_CENTERS_LISTED);
        assertThat(rows.getFirst().getText()).contains("Houston Application Support Center", "miles");
        // the map: the states drawn from the shipped atlas, every field office a dot, this one marked
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "true".equals(d.findElement(By.id("office-map")).getAttribute("data-drawn")));
        assertThat(browser.findElements(By.cssSelector("#office-map path.office-map__state")).size()).isGreaterThan(50);
        assertThat(browser.findElements(By.cssSelector("#office-map circle.office-map__office")).size()).isGreaterThan(75);
        var marked = browser.findElements(By.cssSelector("#office-map circle.office-map__office--found"));
        assertThat(marked).hasSize(1);
        assertThat(marked.getFirst().findElement(By.tagName("title")).getAttribute("textContent")).isEqualTo("Houston Field Office");
        assertThat(browser.findElement(By.id("office-map-title")).getAttribute("textContent")).contains("Houston Field Office");
        Browser.assertAccessible(browser);
    }

    @Test
    void theSamePageReadsInSpanish() {
        open("/find-an-office?lang=en&zip=33130");

        clickAndLoad(By.id("language-switch"));

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Buscar una oficina");
        assertThat(browser.findElement(By.id("field-office-name")).getText()).isEqualTo("Oficina Local de Miami");
        assertThat(browser.findElement(By.id("field-office-hours")).getText()).contains("solo con cita");
        assertThat(browser.findElement(By.cssSelector("#support-centers tbody tr")).getText()).contains("millas");
        Browser.assertAccessible(browser);
    }

    @Test
    void aMistypedZipCodeIsExplainedNextToTheField() {
        open("/find-an-office?lang=en");

        findByZip("7700");

        assertThat(browser.findElement(By.id("zip-error")).getText()).contains("5 digits");
        assertThat(browser.findElement(By.id("zip")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.id("zip-result"))).isEmpty();
        Browser.assertAccessible(browser);
    }

    @Test
    void someoneAbroadFindsTheirOfficeOrIsToldToTurnToTheEmbassy() {
        open("/find-an-office?lang=en");

        new Select(browser.findElement(By.id("country"))).selectByVisibleText("Mexico");
        clickAndLoad(By.cssSelector("#by-country button[type=submit]"));
        assertThat(browser.findElement(By.id("abroad-office-name")).getText()).isEqualTo("Mexico City Field Office");
        Browser.assertAccessible(browser);

        new Select(browser.findElement(By.id("country"))).selectByVisibleText("Germany");
        clickAndLoad(By.cssSelector("#by-country button[type=submit]"));
        assertThat(browser.findElements(By.id("abroad-office-name"))).isEmpty();
        assertThat(browser.findElement(By.id("abroad-guidance")).getText()).contains("U.S. embassy or consulate");
        Browser.assertAccessible(browser);
    }
}
