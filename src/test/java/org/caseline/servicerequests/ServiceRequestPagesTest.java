package org.caseline.servicerequests;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.caseline.cases.CaseIdentities;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.ReceiptNumber;
import org.caseline.support.Browser;
import org.caseline.support.BrowserTest;
import org.caseline.support.CaseLineTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: someone without an account asks, in Spanish, for help with a case; the office
 * that holds it claims and answers it on its work list; the requester reads the answer on the
 * status page. A wrong date of birth gets the one answer that tells nothing. axe finds nothing.
 */
@CaseLineTest
class ServiceRequestPagesTest extends BrowserTest {

    @Autowired
    CaseIngestion ingestion;
    @Autowired
    CaseIdentities identities;

    private String aVermontCaseOf(String name, LocalDate born, String zip) {
        String receipt = "EAC2691" + (100_000 + ThreadLocalRandom.current().nextInt(800_000));
        ReceiptNumber number = new ReceiptNumber(receipt);
        ingestion.upsert(number, new CaseIngestion.CaseData("I-765", LocalDate.of(2024, 2, 1), "VSC", null, false, null, null));
        identities.record(number, new CaseIdentities.Identity(name, born, zip));
        return receipt;
    }

    private void fillTheCase(String receipt, String name, String born, String zip) {
        for (String[] field : new String[][] {{"receiptNumber", receipt}, {"name", name}, {"postalCode", zip}, {"email", "lucia@example.com"}}) {
            var input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        // a date input takes what a person would type, in the browser's own order: set it as the form sends it
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('dateOfBirth').value = arguments[0]", born);
    }

    @Test
    void aRequestWithoutAnAccountIsAnsweredByTheOfficeAndTheRequesterReadsTheAnswer() {
        String receipt = aVermontCaseOf("Lucía Fernández", LocalDate.of(1990, 4, 7), "05401");
        browser.manage().deleteAllCookies();
        browser.get(url("/?lang=es"));
        clickAndLoad(By.linkText("Ayuda con un caso"));
        browser.findElement(By.cssSelector("label[for=type-outside-processing-time]")).click();
        clickAndLoad(By.id("continue"));
        assertThat(browser.findElement(By.id("form-heading")).getText()).isEqualTo("Caso fuera del tiempo normal de trámite");
        Browser.assertAccessible(browser);

        fillTheCase(receipt, "Lucia Fernandez", "1990-07-04", "05401");
        clickAndLoad(By.id("send"));
        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("No pudimos relacionar estos datos con un caso");
        Browser.assertAccessible(browser);

        fillTheCase(receipt, "Lucia Fernandez", "1990-04-07", "05401");
        clickAndLoad(By.id("send"));
        assertThat(browser.findElement(By.id("filed-heading")).getText()).isEqualTo("Recibimos su solicitud");
        String reference = browser.findElement(By.id("filed-reference")).getText();
        assertThat(reference).hasSize(8);
        Browser.assertAccessible(browser);

        signIn("vsc");
        browser.get(url("/staff/office?lang=en"));
        assertThat(browser.findElement(By.id("row-" + reference)).getText()).contains("Case outside normal processing time", receipt);
        Browser.assertAccessible(browser);
        clickAndLoad(By.linkText(reference));
        clickAndLoad(By.id("claim"));
        assertThat(browser.findElement(By.id("claimed-by")).getText()).isEqualTo("vsc");
        assertThat(browser.findElement(By.id("case-status")).getText()).startsWith("I-765");
        Browser.assertAccessible(browser);
        var answer = browser.findElement(By.id("answer-text"));
        assertThat(answer.getAttribute("value")).as("the template in the requester's language").startsWith("Gracias por su solicitud");
        answer.clear();
        answer.sendKeys("Su caso está con un oficial; recibirá una decisión en 30 días.");
        new Select(browser.findElement(By.id("outcome"))).selectByValue("ACTION_TAKEN");
        clickAndLoad(By.id("send-answer"));
        assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("Closed");

        browser.manage().deleteAllCookies();
        browser.get(url("/service-requests/status?lang=es"));
        browser.findElement(By.id("reference")).sendKeys(reference);
        browser.findElement(By.id("proof")).sendKeys("05401");
        clickAndLoad(By.id("look"));
        assertThat(browser.findElement(By.id("found-status")).getText()).isEqualTo("La oficina respondió a su solicitud.");
        assertThat(browser.findElement(By.id("found-answer")).getText()).startsWith("Su caso está con un oficial");
        Browser.assertAccessible(browser);
    }

    @Autowired
    AnswerTemplates templates;

    @Test
    void anOfficeRewordsHowItsAnswersBeginAndTheAnswerFormStartsFromIt() {
        signIn("nsc");
        browser.get(url("/staff/office?lang=en"));
        clickAndLoad(By.id("templates-link"));
        var spanish = browser.findElement(By.id("text-typographical-error-es"));
        assertThat(spanish.getAttribute("value")).startsWith("Gracias por avisarnos del error.");
        Browser.assertAccessible(browser);

        spanish.clear();
        spanish.sendKeys("Gracias. Corregimos el error en su aviso.");
        clickAndLoad(By.id("save-typographical-error-es"));

        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("Template saved.");
        assertThat(browser.findElement(By.id("text-typographical-error-es")).getAttribute("value"))
                .isEqualTo("Gracias. Corregimos el error en su aviso.");
        assertThat(templates.forAnswer("NSC", "typographical-error", java.util.Locale.forLanguageTag("es")))
                .isEqualTo("Gracias. Corregimos el error en su aviso.");
        assertThat(templates.forAnswer("VSC", "typographical-error", java.util.Locale.forLanguageTag("es")))
                .as("another office keeps the shipped text").startsWith("Gracias por avisarnos del error.");
    }

    @Test
    void aMistypedReferenceIsCaughtByItsCheckDigit() {
        browser.manage().deleteAllCookies();
        browser.get(url("/service-requests/status?lang=en&reference=12345678&proof=05401"));
        assertThat(browser.findElement(By.id("reference-error")).getText()).isEqualTo("Enter the reference as we gave it: digits only.");
        Browser.assertAccessible(browser);
    }

    @Autowired
    org.caseline.appointments.Appointments appointments;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theOfficesDayListShowsWhatToPrepareAndChecksInThePersonWhoCame() {
        String receipt = "EAC2689" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new org.caseline.cases.ReceiptNumber(receipt), new org.caseline.cases.CaseIngestion.CaseData("I-485",
                java.time.LocalDate.of(2025, 9, 1), "NBC", null, false, null, null));
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.LocalDate day = java.time.LocalDate.now(newYork).plusWeeks(2);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        var booked = appointments.book(receipt, "BOS", "interview", day.atTime(13, 30).atZone(newYork).toInstant(),
                java.util.List.of("sign-language-interpreter"), "tier2");

        signIn("supervisor");
        browser.get(url("/staff/office/appointments?office=BOS&day=" + day + "&lang=en"));
        String line = browser.findElement(By.id("line-" + booked.id())).getText();
        assertThat(line).contains("1:30 PM", "Interview", "Sign-language interpreter", "Booked");
        Browser.assertAccessible(browser);
        clickAndLoad(By.id("check-in-" + booked.id()));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("Check-in opens an hour before the appointment.");

        // the person arrives, twenty minutes early, on the day
        jdbc.sql("update appointment_slot set starts_at = now() + interval '20 minutes', ends_at = now() + interval '80 minutes' where id = "
                + "(select slot_id from appointment where id = ?)").param(booked.id()).update();
        java.time.LocalDate today = java.time.ZonedDateTime.now(newYork).plusMinutes(20).toLocalDate();
        browser.get(url("/staff/office/appointments?office=BOS&day=" + today + "&lang=es"));
        clickAndLoad(By.id("check-in-" + booked.id()));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("Llegada registrada.");
        assertThat(browser.findElement(By.id("line-" + booked.id())).getText()).contains("Asistió", "Intérprete de lengua de señas");
        Browser.assertAccessible(browser);
        assertThat(appointments.find(booked.id()).orElseThrow().status()).isEqualTo("ATTENDED");
    }
}
