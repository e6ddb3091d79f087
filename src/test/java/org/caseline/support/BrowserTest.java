package org.caseline.support;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test that drives one headless Chromium, opened once for its class, against the running application. */
public abstract class BrowserTest {

    protected static WebDriver browser;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /**
     * Clicks what loads a new page and waits for the old one to go. Our pages share ids (the heading, the
     * error summary), so an element read too soon may be the old page's and go stale under the assertion.
     */
    protected static void clickAndLoad(By target) {
        var page = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * Signs in afresh on the sign-in page (password {@code demo}), and waits for the staff page:
     * a page opened before the sign-in's redirect lands would find the session not yet there.
     */
    protected void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form.usa-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("signed-in-as")).isEmpty());
    }
}
