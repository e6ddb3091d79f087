package org.caseline.agentdesk;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.caseline.routing.InteractionState;
import org.caseline.routing.Router;
import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.caseline.support.MondayMorning;
import org.caseline.support.PhoneTest;
import org.caseline.support.Sipp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: a Tier 1 agent signs in to the desktop, goes available, sees a real phone
 * call arrive with who is calling and why, accepts it from the keyboard, talks on their
 * softphone, files notes and a service request for the caller, and wraps up; a supervisor's wallboard moves as callers wait.
 */
@CaseLineTest
@Import(MondayMorning.class)
class AgentDesktopTest extends BrowserTest {

    static final int SIP_PORT = PhoneTest.freeUdpAndTcpPort();


    @DynamicPropertySource
    static void sip(DynamicPropertyRegistry properties) {
        PhoneTest.sipOn(properties, SIP_PORT, 44000, 44999);
    }

    @Autowired
    Router router;
    @Autowired
    org.caseline.cases.CaseIngestion ingestion;
    @Autowired
    org.caseline.servicerequests.ServiceRequests requests;

    private String aVermontCase() {
        String receipt = "EAC2692" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new org.caseline.cases.ReceiptNumber(receipt), new org.caseline.cases.CaseIngestion.CaseData("I-765",
                java.time.LocalDate.of(2025, 6, 2), "VSC", null, false, null, null));
        return receipt;
    }

    /** A wait that reads the page again when a live update replaced what it was reading. */
    private static WebDriverWait waitUpTo(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @Test
    void anAgentGoesAvailableAcceptsACallFromTheMenuTalksAndWrapsUp() throws IOException {
        int phonePort = PhoneTest.freeUdpAndTcpPort();
        // the phone rings with the offer for 12 s before it is answered: the agent accepts at the desk meanwhile
        Sipp.Running phone = Sipp.serve("agent-phone.xml",
                Map.of("AUDIO", "/usr/share/sip-tester/g711a.pcap", "TALK", "15000", "RING", "12000"), phonePort);
        Sipp.Result registered = Sipp.call("agent-register.xml", Map.of("USER", "tier1", "PASSWORD", "demo",
                "CONTACT_PORT", String.valueOf(phonePort), "EXPECT", "200"), "tier1", SIP_PORT, "register-" + UUID.randomUUID());
        assertThat(registered.succeeded()).as(registered.output()).isTrue();

        signIn("tier1");
        browser.get(url("/staff/desk"));
        waitUpTo(10).until(d -> d.findElement(By.id("live")).getText().equals("Connected"));
        Browser.assertAccessible(browser);
        browser.findElement(By.id("go-available")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("state")).getText().equals("Available"));

        String callId = "desk-" + UUID.randomUUID();
        Sipp.Calling caller = Sipp.askingForAPerson("18003755283", SIP_PORT, callId, 2000, 8_000, 60_000);

        // the screen pop: the line called, the path through the menus, no receipt keyed
        waitUpTo(30).until(d -> d.findElement(By.id("offer")).isDisplayed());
        String offer = browser.findElement(By.id("offer-facts")).getText();
        assertThat(offer).contains("VOICE", "general-en", "18003755283", "agent").contains("Receipt number keyed\nNone");
        // what the agent reads out: the reference the caller heard, and the agent's ID, not their name
        assertThat(offer).containsPattern("Contact reference \\(read it out\\)\n\\d{4} \\d{4}");
        assertThat(browser.findElement(By.id("public-id")).getText()).matches("\\d{5}");
        Browser.assertAccessible(browser);
        new Actions(browser).keyDown(Keys.ALT).sendKeys("a").keyUp(Keys.ALT).perform();

        waitUpTo(15).until(d -> d.findElement(By.id("contact")).isDisplayed()
                && d.findElement(By.id("state")).getText().equals("On a contact"));
        waitUpTo(10).until(d -> d.findElement(By.id("case-panel")).getText().contains("keyed no receipt number"));
        browser.findElement(By.id("notes")).sendKeys("Asked how to change an address.");
        new Select(browser.findElement(By.id("disposition"))).selectByValue("answered");
        browser.findElement(By.id("save")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("saved")).getText().equals("Notes saved."));

        // the caller's card never came: only the office can trace it, so the agent files a request while they talk
        String receipt = aVermontCase();
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#sr-type option[value='typographical-error']")).isEmpty());
        new Select(browser.findElement(By.id("sr-type"))).selectByValue("typographical-error");
        browser.findElement(By.id("sr-receipt")).sendKeys(receipt);
        browser.findElement(By.id("sr-f-document")).sendKeys("Employment authorization card");
        browser.findElement(By.id("sr-f-field")).sendKeys("Name");
        browser.findElement(By.id("sr-f-shown")).sendKeys("Mria Garcia");
        browser.findElement(By.id("sr-f-correct")).sendKeys("Maria Garcia");
        browser.findElement(By.id("sr-name")).sendKeys("Maria Garcia");
        browser.findElement(By.id("sr-email")).sendKeys("maria.garcia@example.com");
        browser.findElement(By.id("sr-check")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("sr-result")).getText().equals("This request can be filed for this case."));
        browser.findElement(By.id("sr-file")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("sr-result")).getText().startsWith("Filed. Read the reference to the caller:"));
        String filed = browser.findElement(By.id("sr-result")).getText();
        assertThat(filed).matches("Filed\\. Read the reference to the caller: \\d{4} \\d{4}\\. The office VSC answers by 2026-12-21\\.");
        String reference = filed.replaceAll("\\D", "").substring(0, 8);
        Browser.assertAccessible(browser);

        // the agent's phone hangs up after talking: the desktop goes to wrap-up, with its timer
        waitUpTo(45).until(d -> d.findElement(By.id("wrap-up")).isDisplayed());
        assertThat(browser.findElement(By.id("wrap-up-timer")).getText()).startsWith("Wrap-up time left:");
        Browser.assertAccessible(browser);
        browser.findElement(By.id("ready")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("state")).getText().equals("Available"));

        assertThat(phone.finish(60).succeeded()).isTrue();
        Sipp.Result callerSide = caller.result(60);
        assertThat(callerSide.succeeded()).as(callerSide.output()).isTrue();
        Router.Interaction handled = router.interactionOfCall(callId).orElseThrow();
        assertThat(handled.notes()).isEqualTo("Asked how to change an address.\nService request " + reference + " (typographical-error).");
        var request = requests.find(org.caseline.servicerequests.ServiceReference.parse(reference)).orElseThrow();
        assertThat(request.interactionId()).isEqualTo(handled.id().toString());
        assertThat(request.office()).isEqualTo("VSC");
        assertThat(request.filedBy()).isEqualTo("tier1");
        assertThat(handled.disposition()).isEqualTo("answered");
        assertThat(handled.state()).isEqualTo(InteractionState.ENDED);

        router.state("tier1", org.caseline.routing.AgentState.OFFLINE, null);
    }

    @Test
    void theWallboardShowsCallersWaitingAsTheyArrive() {
        router.state("tier2", org.caseline.routing.AgentState.BREAK, "meeting"); // someone signed in: the queue is open
        signIn("supervisor");
        browser.get(url("/staff/wallboard"));
        var general = By.cssSelector("#queues tr[data-queue='general-es'] td");
        int before = waitUpTo(10).until(d -> d.findElements(general).isEmpty() ? null
                : Integer.valueOf(d.findElements(general).getFirst().getText()));
        Browser.assertAccessible(browser);

        var waiting = router.enqueue(new Router.NewInteraction("VOICE", "general-es", 0, null, router.node(),
                Map.of("line", "18003755283")));
        try {
            waitUpTo(10).until(d -> Integer.parseInt(d.findElements(general).getFirst().getText()) == before + 1);
            assertThat(browser.findElement(By.id("chart-waiting")).getText()).contains("General questions (Spanish)");
            assertThat(browser.findElements(By.cssSelector("#chart-agents rect"))).hasSize(6);
            // the offices' service requests, beside the calls: the demo's offices have some open
            waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#service-requests tbody tr")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("#service-requests tbody tr")).getText()).matches("[A-Z]+ \\d+ \\d+ \\d+ \\d+");
            Browser.assertAccessible(browser);
        } finally {
            router.contactEnded(waiting.id(), "test over");
            router.state("tier2", org.caseline.routing.AgentState.OFFLINE, null);
        }
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.caseline.accounts.SecureMessages secure;
    @Autowired
    org.caseline.messaging.mail.EmbeddedMailServer mail;

    @Test
    void anAgentAnswersAPublicMessageFromASavedReplyAndASecureMessageFromTheDesk() {
        org.caseline.support.WrittenContacts.endAll(jdbc);
        String sender = "desk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var http = new org.caseline.support.Http(port);
        String reference = http.send(http.request("/api/contact-messages").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"name": "Ada", "email": "%s", "language": "en", "topic": "forms-and-fees",
                         "text": "<script>alert('hi')</script>Where do I mail the I-130?"}""".formatted(sender)))).json()
                .path("reference").asString();
        UUID holder = UUID.randomUUID();
        jdbc.sql("""
                        insert into applicant_account (id, email, password_hash, language, kind, email_verified_at, created_at)
                        values (?, ?, 'not used', 'en', 'APPLICANT', now(), now())""")
                .params(holder, "holder-" + holder + "@example.com").update();
        UUID thread = secure.start(holder, "Address change", "I moved last week.", null, java.util.List.of()).id();

        signIn("tier1");
        browser.get(url("/staff/desk"));
        waitUpTo(10).until(d -> d.findElement(By.id("live")).getText().equals("Connected"));
        browser.findElement(By.id("go-available")).click();
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("#inbox button")).size() == 2);

        // the public message: shown as text, answered from the saved reply of its topic, by mail
        browser.findElements(By.cssSelector("#inbox button")).stream().filter(b -> b.getText().startsWith(reference)).findFirst()
                .orElseThrow().click();
        waitUpTo(10).until(d -> d.findElement(By.id("message-heading")).getText().equals(reference));
        assertThat(browser.findElement(By.id("message-thread")).getText()).contains("<script>alert('hi')</script>Where do I mail the I-130?");
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#message-canned option[value]:not([value=''])")).isEmpty());
        Browser.assertAccessible(browser);
        browser.findElement(By.id("message-reply")).sendKeys("Your case IOE0912345678 is with us.");
        browser.findElement(By.id("message-send")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("error")).getText().contains("receipt number"));
        new Select(browser.findElement(By.id("message-canned"))).selectByVisibleText("Where to file a form");
        browser.findElement(By.id("message-use-canned")).click();
        assertThat(browser.findElement(By.id("message-reply")).getAttribute("value")).startsWith("Each form's page says where to file it");
        browser.findElement(By.id("message-send")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("message-result")).getText().equals("The answer is on its way."));
        new Select(browser.findElement(By.id("message-disposition"))).selectByValue("answered");
        browser.findElement(By.id("message-close")).click();
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#inbox button")).size() == 1);
        var answer = new org.caseline.support.Mailbox(mail.host(), mail.imapPort(), sender).awaitMails(2).get(1);
        assertThat(answer.body()).startsWith("Each form's page says where to file it");

        // the secure message: answered inside the account
        browser.findElement(By.cssSelector("#inbox button")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("message-thread")).getText().contains("I moved last week."));
        browser.findElement(By.id("message-reply")).sendKeys("Change your address online; the card follows.");
        browser.findElement(By.id("message-send")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("message-result")).getText().equals("The answer is on its way."));
        browser.findElement(By.id("message-close")).click();
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#inbox button")).isEmpty());
        assertThat(secure.forStaff(thread).orElseThrow().status()).isEqualTo("ANSWERED");
        assertThat(secure.forStaff(thread).orElseThrow().messages().get(1).body()).isEqualTo("Change your address online; the card follows.");
        Browser.assertAccessible(browser);
        router.state("tier1", org.caseline.routing.AgentState.OFFLINE, null);
    }

    @Test
    void anOfficerBooksARequestedAppointmentFromTheDeskAndTheRequesterGetsTheDate() {
        org.caseline.support.WrittenContacts.endAll(jdbc);
        router.agent("tier2");
        String receipt = aVermontCase();
        String requester = "asks-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var http = new org.caseline.support.Http(port);
        var asked = http.sendJson("POST", "/api/appointment-requests", """
                {"receiptNumber": "%s", "type": "interview", "office": "BOS", "reason": "My interview notice never came.",
                 "accommodations": ["sign-language-interpreter"], "requester": {"name": "Rosa", "email": "%s", "language": "en"}}"""
                .formatted(receipt, requester), "tier1", "demo");
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String reference = asked.json().path("reference").asString();
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")).plusWeeks(1);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }

        signIn("tier2");
        browser.get(url("/staff/desk"));
        waitUpTo(10).until(d -> d.findElement(By.id("live")).getText().equals("Connected"));
        browser.findElement(By.id("go-available")).click();
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("#inbox button")).stream().anyMatch(b -> b.getText().startsWith(reference)));
        browser.findElements(By.cssSelector("#inbox button")).stream().filter(b -> b.getText().startsWith(reference)).findFirst()
                .orElseThrow().click();
        waitUpTo(10).until(d -> d.findElement(By.id("message-heading")).getText().equals(reference));
        assertThat(browser.findElement(By.id("message-facts")).getText()).contains("My interview notice never came.", "sign-language-interpreter");
        assertThat(browser.findElement(By.id("message-form")).isDisplayed()).as("decided, not answered").isFalse();
        assertThat(browser.findElement(By.id("appointment-office")).getAttribute("value")).isEqualTo("BOS");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id("appointment-day")), day.toString());
        browser.findElement(By.id("appointment-find")).click();
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#appointment-slots input")).isEmpty());
        Browser.assertAccessible(browser);
        browser.findElement(By.cssSelector("label[for='appointment-slot-0']")).click();
        browser.findElement(By.id("appointment-book")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("appointment-result")).getText().startsWith("Booked"));
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#inbox button")).stream().noneMatch(b -> b.getText().startsWith(reference)));

        var told = new org.caseline.support.Mailbox(mail.host(), mail.imapPort(), requester).awaitMails(1).getFirst();
        assertThat(told.body()).contains("Boston Field Office", "Appointment reference");
        assertThat(told.attachments().get("invite.ics")).contains("BEGIN:VEVENT");
        Browser.assertAccessible(browser);
        router.state("tier2", org.caseline.routing.AgentState.OFFLINE, null);
    }

    @Test
    void aCallerKeysAFormInThePhoneMenuAndTheAgentTheyReachMailsIt() {
        var http = new org.caseline.support.Http(port);
        var phone = new org.caseline.support.WebPhone(http, "tier1");
        String call = phone.dial("18003755283").get("callId").asString();
        phone.press(call, "1"); // English
        assertThat(org.caseline.support.WebPhone.heard(phone.press(call, "2")))
                .contains("All our forms are free", "To have a paper copy of a form mailed to you, press 2");
        assertThat(org.caseline.support.WebPhone.heard(phone.press(call, "2"))).contains("For Form I-130, press 1 3 0 and pound");
        assertThat(org.caseline.support.WebPhone.heard(phone.press(call, "130#"))).contains("You entered 1 3 0");
        var transferred = phone.press(call, "1");
        assertThat(org.caseline.support.WebPhone.heard(transferred))
                .contains("Form I-130, Petition for Alien Relative.", "A representative will take your name and the address");
        assertThat(transferred.path("transferQueue").asString()).isEqualTo("general-en");
        assertThat(transferred.path("transferAttributes").path("form-order").asString()).isEqualTo("I-130");

        // what the phone driver does with that transfer: a contact in line, with what the caller keyed
        Map<String, String> keyed = new java.util.HashMap<>();
        transferred.path("transferAttributes").properties().forEach(e -> keyed.put(e.getKey(), e.getValue().asString()));
        signIn("tier1");
        browser.get(url("/staff/desk"));
        waitUpTo(10).until(d -> d.findElement(By.id("live")).getText().equals("Connected"));
        browser.findElement(By.id("go-available")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("state")).getText().equals("Available"));
        Router.Interaction contact = router.enqueue(new Router.NewInteraction("VOICE", "general-en", 0, null, router.node(), keyed));
        waitUpTo(30).until(d -> d.findElement(By.id("offer")).isDisplayed());
        assertThat(browser.findElement(By.id("offer-facts")).getText()).contains("Form to mail (keyed in the phone menu)\nI-130");
        browser.findElement(By.id("accept")).click();
        waitUpTo(15).until(d -> d.findElement(By.id("contact")).isDisplayed());
        assertThat(browser.findElement(By.id("fo-number")).getAttribute("value")).isEqualTo("I-130");

        browser.findElement(By.id("fo-name")).sendKeys("Ana Lopez");
        browser.findElement(By.id("fo-street")).sendKeys("1200 Main Street, Apt 4");
        browser.findElement(By.id("fo-city")).sendKeys("Houston");
        browser.findElement(By.id("fo-state")).sendKeys("CA"); // a slip of the tongue: 77002 is in Texas
        browser.findElement(By.id("fo-zip")).sendKeys("77002");
        browser.findElement(By.id("fo-send")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("fo-result")).getText().contains("77002 is in TX, not CA"));
        browser.findElement(By.id("fo-state")).clear();
        browser.findElement(By.id("fo-state")).sendKeys("TX");
        browser.findElement(By.id("fo-send")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("fo-result")).getText().startsWith("Ordered."));
        Browser.assertAccessible(browser);

        String reference = browser.findElement(By.id("fo-result")).getText().replaceAll(".*(FO-[0-9A-F]{8}).*", "$1");
        var order = jdbc.sql("select form_number, name, city, state, zip, ordered_by from directory_form_order where reference = ?")
                .param(reference).query().singleRow();
        assertThat(order).containsEntry("form_number", "I-130").containsEntry("name", "Ana Lopez").containsEntry("state", "TX")
                .containsEntry("ordered_by", "tier1");
        assertThat(browser.findElement(By.id("notes")).getAttribute("value")).contains("Paper form I-130 ordered: " + reference);
        router.contactEnded(contact.id(), "the caller hung up");
        router.state("tier1", org.caseline.routing.AgentState.OFFLINE, null);
    }
}
