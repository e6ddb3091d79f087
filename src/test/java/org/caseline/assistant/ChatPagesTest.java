package org.caseline.assistant;

import java.time.Duration;

import org.caseline.routing.AgentState;
import org.caseline.routing.Router;
import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.MondayMorning;
import org.caseline.support.MovableClock;
import org.caseline.support.WrittenContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assistant in a real browser: a visitor asks on a public page, in English and in Spanish,
 * keeps the conversation across a reload, asks for a person and is answered by a Tier 1 agent
 * at the desk in another tab, who sees the whole conversation; axe finds nothing.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class ChatPagesTest extends BrowserTest {

    @Autowired
    MovableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Router router;

    @BeforeEach
    void setUp() {
        clock.set(MondayMorning.AT);
        WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void tearDown() {
        for (Router.Interaction chat : router.chatsOf("tier1")) {
            router.closeChat("tier1", chat.id(), "other");
        }
        WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
        while (browser.getWindowHandles().size() > 1) {
            browser.close();
            browser.switchTo().window(browser.getWindowHandles().iterator().next());
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private void ask(String question) {
        browser.findElement(By.id("chat-input")).sendKeys(question, Keys.ENTER);
    }

    private String log() {
        return browser.findElement(By.id("chat-log")).getText();
    }

    @Test
    void aVisitorAsksKeepsTheConversationAcrossAReloadAndReachesAnAgentsDesk() {
        browser.get(url("/find-an-office?lang=en"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        Browser.assertAccessible(browser);

        browser.findElement(By.id("chat-open")).click();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves into the chat").isEqualTo("chat-input");
        ask("how do i change my adress");
        waiting().until(d -> log().contains("within 10 days of moving"));
        assertThat(log()).contains("Hello! I'm the virtual assistant", "You\nhow do i change my adress");
        assertThat(browser.findElement(By.linkText("Changing your address")).getAttribute("href")).endsWith("/service-requests");
        Browser.assertAccessible(browser);

        browser.navigate().refresh();
        waiting().until(d -> log().contains("within 10 days of moving"));

        router.state("tier1", AgentState.AVAILABLE, null);
        browser.findElement(By.id("chat-person")).click();
        String visitor = browser.getWindowHandle();
        waiting().until(d -> browser.findElement(By.id("chat-status")).getText().startsWith("Connected with representative"));

        browser.switchTo().newWindow(WindowType.TAB);
        signIn("tier1");
        browser.get(url("/staff/desk?lang=en"));
        waiting().until(d -> !d.findElements(By.cssSelector("#chats .caseline-desk-chat")).isEmpty());
        String desk = browser.findElement(By.cssSelector("#chats .caseline-desk-chat")).getText();
        assertThat(desk).contains("how do i change my adress", "within 10 days of moving", "change-of-address");
        Browser.assertAccessible(browser);
        browser.findElement(By.cssSelector("#chats .caseline-desk-chat__reply")).sendKeys("Hi, I can help you file the change of address.");
        browser.findElement(By.cssSelector("#chats .caseline-desk-chat__send")).click();

        browser.switchTo().window(visitor);
        waiting().until(d -> log().contains("Hi, I can help you file the change of address."));
        assertThat(log()).contains("Representative\nHi, I can help");
    }

    @Test
    void aSpanishPageTalksInSpanishAndAfterHoursOffersAMessage() {
        clock.set(MondayMorning.AT.withHour(22));
        browser.get(url("/?lang=es"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();

        browser.findElement(By.id("chat-open")).click();
        assertThat(browser.findElement(By.id("chat-open")).getText()).isEqualTo("Haga una pregunta");
        ask("¿dónde encuentro mi número de recibo?");
        waiting().until(d -> log().contains("13 caracteres"));
        ask("quiero hablar con una persona");
        waiting().until(d -> browser.findElement(By.id("chat-offer-message")).isDisplayed());
        assertThat(log()).contains("está cerrado ahora", "de lunes a viernes, de 8 a. m. a 9 p. m., hora del Este");
        assertThat(browser.findElement(By.linkText("Escríbanos en su lugar")).getAttribute("href")).contains("/contact");
        Browser.assertAccessible(browser);
    }

    @Test
    void anAdministratorSeesWhatTheAssistantCouldNotAnswerMostAskedFirst() {
        Http http = new Http(port);
        for (int i = 0; i < 3; i++) {
            http.sendJson("POST", "/api/assistant/ask", "{\"question\": \"can I pay my parking ticket here\", \"language\": \"en\"}");
        }
        signIn("admin");
        browser.get(url("/staff/assistant?lang=en"));

        assertThat(browser.findElements(By.cssSelector("#unanswered tbody tr")))
                .anyMatch(row -> row.getText().equals("can i pay my parking ticket here en 3"));
        assertThat(browser.findElement(By.id("live-version")).getText()).contains("system");
        assertThat(browser.findElements(By.id("chat-open"))).as("no assistant on staff pages").isEmpty();
        Browser.assertAccessible(browser);
    }
}
