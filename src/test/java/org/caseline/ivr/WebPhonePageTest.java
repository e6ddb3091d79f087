package org.caseline.ivr;

import java.time.Duration;

import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** A member of staff signs in and calls the main line from the web phone, in a real browser. */
@CaseLineTest
class WebPhonePageTest extends BrowserTest {

    private void press(String keys) {
        for (char key : keys.toCharArray()) {
            browser.findElement(By.cssSelector(".caseline-key[data-key='" + key + "']")).click();
        }
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "false".equals(d.findElement(By.id("call-state")).getDomAttribute("data-busy")));
    }

    @Test
    void aStaffMemberKeysACaseStatusAndReadsTheAnswer() {
        signIn("tier1");
        browser.get(url("/staff/phone"));
        Browser.assertAccessible(browser);

        new Select(browser.findElement(By.id("line"))).selectByValue("18003755283");
        browser.findElement(By.id("call")).click();
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("transcript")).getText().contains("For English, press 1"));
        wait.until(d -> d.findElement(By.cssSelector(".caseline-key[data-key='1']")).isEnabled());
        press("111");
        press("3222590000101");
        press("1");

        wait.until(d -> d.findElement(By.id("transcript")).getText().contains("Case Was Received"));
        assertThat(browser.findElement(By.id("path")).getText()).contains("main: enter-receipt", "main: after-status");
        assertThat(browser.findElement(By.id("call-state")).getText()).isEqualTo("In the menus");
        Browser.assertAccessible(browser);
    }

    @Test
    void anAdministratorSeesEachFlowWithItsVisitCounts() {
        var http = new org.caseline.support.Http(port);
        String call = http.sendJson("POST", "/api/sim/calls", "{\"line\": \"18663155718\"}", "admin", "demo")
                .json().get("callId").asString();
        http.sendJson("POST", "/api/sim/calls/" + call + "/keys", "{\"keys\": \"12\"}", "admin", "demo");

        signIn("admin");
        browser.get(url("/staff/flows"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Phone menus");
        var about = browser.findElement(By.id("node-premium-about")).getText();
        assertThat(about).contains("about", "Premium Processing, requested with Form I-907").containsIgnoringCase("say").containsPattern("\\d+ calls?");
        assertThat(about).doesNotContain("No calls yet");
        assertThat(browser.findElement(By.id("node-main-main-menu")).getText()).contains("key 1 → case-status-menu", "key 0 → agent");
        var diagram = browser.findElement(By.cssSelector("#diagram-frame-premium svg"));
        assertThat(diagram.getText()).contains("about", "choose-language", "main:agent");
        assertThat(browser.findElements(By.cssSelector("#diagram-frame-main svg g.caseline-diagram-node"))).hasSizeGreaterThan(30);
        if (System.getenv("CASELINE_SCREENSHOT") != null) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(System.getenv("CASELINE_SCREENSHOT")),
                        ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Browser.assertAccessible(browser);

        clickAndLoad(By.id("reload"));

        assertThat(browser.findElement(By.id("reload-result")).getText()).contains("is live");
        Browser.assertAccessible(browser);
    }

    @Test
    void theFlowMapIsForAdministratorsOnly() {
        var http = new org.caseline.support.Http(port);
        var asTier1 = http.send(http.request("/staff/flows").header("Authorization", org.caseline.support.Http.basic("tier1", "demo")).GET());

        assertThat(asTier1.status()).isEqualTo(403);
    }
}
