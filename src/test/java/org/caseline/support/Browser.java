package org.caseline.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: never a browser a tool
 * downloads. The flags keep it off the network this machine does not have.
 */
public final class Browser {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browser() {
    }

    public static WebDriver start() throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("caseline-chromium-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1280,1024", "--lang=en-US", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and expects nothing. */
    public static void assertAccessible(WebDriver driver) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<String> problems = results.getViolations().stream().map(Browser::describe).toList();
        assertThat(problems).as("axe-core violations on " + driver.getCurrentUrl()).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + ": " + rule.getHelp() + " at " + rule.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).limit(3).toList();
    }
}
