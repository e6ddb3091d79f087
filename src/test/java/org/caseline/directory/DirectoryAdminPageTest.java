package org.caseline.directory;

import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator edits the news on the staff page, in a real browser; a broken file is refused with why; axe finds nothing. */
@CaseLineTest
@DirtiesContext
@TestPropertySource(properties = "caseline.test.context=directory-changes") // its own application: it changes the live directory
class DirectoryAdminPageTest extends BrowserTest {

    private void type(String text) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('text').value = arguments[0]", text);
    }

    private void save() {
        clickAndLoad(By.cssSelector("#edit-file button[type=submit]"));
    }

    @Test
    void anAdministratorRewordsAHeadlineAndItIsLiveAtOnce() {
        signIn("admin");
        browser.get(url("/staff/directory?file=news.yaml&lang=en"));
        String news = browser.findElement(By.id("text")).getAttribute("value");
        assertThat(news).contains("More forms can now be filed online");
        Browser.assertAccessible(browser);

        type(news.replace("More forms can now be filed online", "Four forms can now be filed online"));
        browser.findElement(By.id("note")).sendKeys("a clearer headline");
        save();

        assertThat(browser.findElement(By.id("saved")).getText()).startsWith("Saved: version");
        assertThat(browser.findElement(By.cssSelector("#history tbody tr")).getText()).contains("admin", "a clearer headline");
        assertThat(new Http(port).get("/api/news").json().path("news").get(0).path("title").asString())
                .isEqualTo("Four forms can now be filed online");
        Browser.assertAccessible(browser);
    }

    @Test
    void aBrokenFileIsRefusedWithWhatIsWrongAndTheTextIsKept() {
        signIn("admin");
        browser.get(url("/staff/directory?file=events.yaml&lang=en"));
        String events = browser.findElement(By.id("text")).getAttribute("value");

        type(events.replace("format: CALL_IN", "format: CARRIER_PIGEON"));
        save();

        assertThat(browser.findElement(By.id("problems")).getText()).contains("Not saved", "events.yaml", "CARRIER_PIGEON");
        assertThat(browser.findElement(By.id("text")).getAttribute("value")).contains("CARRIER_PIGEON");
        Browser.assertAccessible(browser);
        assertThat(new Http(port).get("/api/events?topic=employers").json().path("events").get(0).path("format").asString())
                .isEqualTo("CALL_IN");
    }

    /** The form field for a field of the entry, by its name in the file. */
    private static org.openqa.selenium.WebElement field(String name) {
        return browser.findElement(By.name("f." + name));
    }

    @Test
    void anAdministratorGivesAnOfficeItsOwnHoursInItsFormAndTheLocatorSaysThem() {
        signIn("admin");
        browser.get(url("/staff/directory/entries?kind=offices&lang=en"));
        Browser.assertAccessible(browser);
        clickAndLoad(By.linkText("BOS"));
        assertThat(field("name.en").getAttribute("value")).isEqualTo("Boston Field Office");
        assertThat(browser.findElement(By.cssSelector("label[for='" + field("hours.es").getAttribute("id") + "']")).getText())
                .isEqualTo("hours (Spanish)");
        Browser.assertAccessible(browser);

        field("hours.en").sendKeys("Monday to Friday, 9 a.m. to 1 p.m., by appointment only");
        field("hours.es").sendKeys("de lunes a viernes, de 9 a.m. a 1 p.m., solo con cita");
        browser.findElement(By.id("note")).sendKeys("Boston's mornings only");
        clickAndLoad(By.id("save-entry"));

        assertThat(browser.findElement(By.id("saved")).getText()).startsWith("Saved: version");
        assertThat(new Http(port).get("/api/offices/BOS").json().path("hours").asString())
                .isEqualTo("Monday to Friday, 9 a.m. to 1 p.m., by appointment only");
    }

    @Test
    void anEventWithACapacityThatIsNoNumberIsRefusedBesideTheValuesAsTyped() {
        signIn("admin");
        browser.get(url("/staff/directory/entries/events/naturalization-houston-2026-12?lang=es"));
        field("capacity").clear();
        field("capacity").sendKeys("muchos");
        clickAndLoad(By.id("save-entry"));

        assertThat(browser.findElement(By.id("problems")).getText()).contains("capacity must be a number, not muchos");
        assertThat(field("capacity").getAttribute("value")).isEqualTo("muchos");
        Browser.assertAccessible(browser);
        assertThat(new Http(port).get("/api/events?topic=naturalization").body()).doesNotContain("muchos");
    }

    @Test
    void aCsvFileWithABadRowIsRefusedWithTheRowNamed() throws Exception {
        signIn("admin");
        browser.get(url("/staff/directory/entries?kind=news&lang=en"));
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("news", ".csv");
        java.nio.file.Files.writeString(csv, "id,date,title.en,title.es,summary.en,summary.es\n"
                + "one,2026-12-01,One,Uno,First,Primero\n"
                + "two,yesterday,Two,Dos,Second,Segundo\n");
        browser.findElement(By.id("csv-file")).sendKeys(csv.toString());
        clickAndLoad(By.cssSelector("#upload-csv button[type=submit]"));

        String problems = browser.findElement(By.id("row-problems")).getText();
        assertThat(problems).contains("Not saved", "3", "yesterday").doesNotContain("one ");
        Browser.assertAccessible(browser);
        assertThat(new Http(port).get("/api/news").json().path("news").size()).isGreaterThan(2);
    }

    @Test
    void onlyAdministratorsOpenIt() {
        var asTier1 = new Http(port).send(new Http(port).request("/staff/directory")
                .header("Authorization", Http.basic("tier1", "demo")).GET());
        assertThat(asTier1.status()).isEqualTo(403);
    }
}
