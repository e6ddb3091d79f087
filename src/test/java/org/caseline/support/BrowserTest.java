package org.caseline.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;
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
        browser.findElement(org.openqa.selenium.By.id("username")).sendKeys(user);
        browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("demo");
        browser.findElement(org.openqa.selenium.By.cssSelector("form.usa-form button[type=submit]")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> !d.findElements(org.openqa.selenium.By.id("signed-in-as")).isEmpty());
    }
}
