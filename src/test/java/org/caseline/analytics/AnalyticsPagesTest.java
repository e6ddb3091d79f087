package org.caseline.analytics;

import java.time.Instant;
import java.util.List;

import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports, the staffing page and the public best time to call in a real browser, on the
 * year of demo history a newcomer starts with: charts drawn, figures in tables, an export that
 * holds what the page shows, EN and ES, and nothing axe can find.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class AnalyticsPagesTest extends BrowserTest {

    @Autowired
    MovableClock clock;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now()); // the demo history runs to yesterday
    }

    private static List<WebElement> bars(String chartId) {
        return browser.findElements(By.cssSelector("#" + chartId + " rect.caseline-chart__bar"));
    }

    @Test
    void aSupervisorReadsLastMonthAsChartsAndExportsWhatThePageShows() {
        signIn("supervisor");
        browser.get(url("/staff/reports?lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Contact center reports");
        List<WebElement> rows = browser.findElements(By.cssSelector("#report-rows tbody tr"));
        assertThat(rows).hasSize(30); // the last 30 days up to yesterday, a row each
        for (String chart : List.of("chart-volume", "chart-service-level", "chart-asa", "chart-abandonment")) {
            assertThat(bars(chart)).as(chart).hasSizeGreaterThan(15);
        }
        assertThat(browser.findElement(By.id("total-service-level")).getText()).endsWith("%");
        assertThat(browser.findElements(By.cssSelector("#exits tbody tr"))).isNotEmpty();
        Browser.assertAccessible(browser);

        String csvLink = browser.findElement(By.id("export-csv")).getAttribute("href");
        Http.Response csv = new Http(port).send(new Http(port).request(csvLink.substring(csvLink.indexOf("/api/")))
                .header("Authorization", Http.basic("supervisor", "demo")));
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("start,calls,containment,offered");
        assertThat(lines).hasSize(rows.size() + 1);
        String firstCalls = rows.getFirst().findElements(By.tagName("td")).getFirst().getText();
        assertThat(lines[1].split(",")[1]).isEqualTo(firstCalls);

        // a day opens into its quarter hours
        String day = rows.get(3).findElement(By.tagName("a")).getText();
        clickAndLoad(By.linkText(day));
        String date = day.substring(day.lastIndexOf(' ') + 1);
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo(date);
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo(date);
        assertThat(browser.findElement(By.id("by")).getAttribute("value")).isEqualTo("interval");
        assertThat(browser.findElements(By.cssSelector("#report-rows tbody tr")).size()).isBetween(3, 96);

        // by week, for the Spanish queue only, in Spanish
        browser.get(url("/staff/reports?lang=es&by=week&queue=general-es"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Informes del centro de contacto");
        assertThat(browser.findElements(By.cssSelector("#report-rows tbody tr")).size()).isBetween(4, 6);
        Browser.assertAccessible(browser);
    }

    @Test
    void aSupervisorComputesStaffAndReadsNextMondaysHalfHours() {
        signIn("supervisor");
        browser.get(url("/staff/staffing?lang=en&contacts=100&intervalMinutes=30&handleSeconds=180&targetSeconds=20&serviceLevel=0.8&shrinkage=0.3"));
        assertThat(browser.findElement(By.cssSelector("#result h3")).getText()).isEqualTo("Schedule 20 agents (14 on the phones)");
        assertThat(browser.findElement(By.id("plan-heading")).getText()).contains("Monday");
        List<WebElement> halfHours = browser.findElements(By.cssSelector("#plan tbody tr"));
        assertThat(halfHours).hasSizeGreaterThan(20); // 8 a.m. to 9 p.m. at least, and the IVR's small hours
        assertThat(bars("chart-plan")).hasSize(halfHours.size());
        assertThat(browser.findElement(By.id("plan-method")).getText()).contains("Erlang");
        Browser.assertAccessible(browser);

        browser.get(url("/staff/staffing?lang=es&contacts=-5&handleSeconds=180"));
        assertThat(browser.findElement(By.id("problem")).getText()).contains("contacts");
        Browser.assertAccessible(browser);
    }

    @Test
    void aVisitorSeesWhenWaitsAreShortestInEnglishAndSpanish() {
        browser.manage().deleteAllCookies();
        browser.get(url("/?lang=en"));
        clickAndLoad(By.id("best-time-link"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The best time to call");
        assertThat(browser.findElement(By.id("best-time-sentence")).getText()).startsWith("Calls are usually answered fastest on");
        assertThat(browser.findElements(By.cssSelector("figure.caseline-chart"))).hasSize(5); // Monday to Friday
        // the hours of live help with calls enough to tell (8 a.m. to 8 p.m.), a bar each and a row in the table
        assertThat(bars("wait-monday")).hasSizeBetween(6, 13);
        assertThat(browser.findElements(By.cssSelector("#waits tbody tr")))
                .hasSize(browser.findElements(By.cssSelector("figure.caseline-chart rect.caseline-chart__bar")).size());
        Browser.assertAccessible(browser);

        browser.get(url("/best-time-to-call?lang=es&line=18003755283"));
        assertThat(browser.findElement(By.id("best-time-sentence")).getText()).startsWith("Las llamadas suelen contestarse más rápido el");
        Browser.assertAccessible(browser);
    }
}
