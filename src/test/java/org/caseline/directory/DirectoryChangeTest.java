package org.caseline.directory;

import java.util.Map;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.WebPhone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator changes an office's hours, without a restart, and every channel says the new hours. */
@CaseLineTest
@DirtiesContext
@TestPropertySource(properties = "caseline.test.context=directory-changes") // its own application: it changes the live directory
class DirectoryChangeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NEW_HOURS = "Monday to Thursday, 8 a.m. to 2 p.m., by appointment only";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    private Http.Response change(String user, String file, String text, String note) {
        String body = JSON.writeValueAsString(Map.of("files", Map.of(file, text), "note", note));
        return http.sendJson("PUT", "/api/directory/files", body, user, "demo");
    }

    /** The shipped offices.yaml, as the tests edit it (whatever another test put live meanwhile). */
    private static String offices() {
        try (var in = DirectoryChangeTest.class.getResourceAsStream("/directory/offices.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void newHoursForHoustonAreWhatThePageTheApiAndThePhoneSay() {
        String changed = offices().replace("code: HOU, kind: FIELD_OFFICE,", "code: HOU, kind: FIELD_OFFICE, hours: { en: \""
                + NEW_HOURS + "\", es: \"de lunes a jueves, de 8 a.m. a 2 p.m., solo con cita\" },");
        assertThat(changed).isNotEqualTo(offices());

        Http.Response response = change("admin", "offices.yaml", changed, "Houston closes early on Fridays");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("changedBy").asString()).isEqualTo("admin");
        assertThat(http.get("/api/offices/HOU").json().path("hours").asString()).isEqualTo(NEW_HOURS);
        assertThat(http.get("/find-an-office?lang=en&zip=77002").body()).contains(NEW_HOURS);
        WebPhone phone = new WebPhone(http, "tier1");
        String call = phone.dial("18003755283").get("callId").asString();
        phone.press(call, "1");
        phone.press(call, "4");
        phone.press(call, "1");
        phone.press(call, "77002");
        assertThat(WebPhone.heard(phone.press(call, "1"))).contains("Houston Field Office", "It is open " + NEW_HOURS);
        assertThat(http.getAs("/api/directory/versions", "admin", "demo").json().get(0).path("note").asString())
                .isEqualTo("Houston closes early on Fridays");
    }

    @Test
    void aChangeWithProblemsIsRefusedWithWhatIsWrongAndNothingChanges() {
        int live = http.getAs("/api/directory/files", "admin", "demo").json().path("number").asInt();
        String broken = offices().replace("zip3: [\"798-799\", \"885\"]", "zip3: [\"760-799\", \"885\"]"); // El Paso claims Dallas's
        assertThat(broken).isNotEqualTo(offices());

        Http.Response response = change("admin", "offices.yaml", broken, "typo");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("message").asString()).contains("offices.yaml", "ZIP codes 760xx are claimed by DAL and ELP");
        assertThat(http.getAs("/api/directory/files", "admin", "demo").json().path("number").asInt()).isEqualTo(live);
        assertThat(http.get("/api/offices?zip=76101").json().path("fieldOffice").path("code").asString()).isEqualTo("DAL");
        assertThat(change("admin", "readme.txt", "hello", "no").status()).isEqualTo(422);
    }

    private Http.Response importCsv(String csv) {
        return http.send(http.request("/api/directory/offices.csv").header("Authorization", Http.basic("admin", "demo"))
                .header("Content-Type", "text/csv").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(csv)));
    }

    @Test
    void theOfficesGoOutAsCsvAndComeBackWithAnEdit() throws Exception {
        String csv = http.getAs("/api/directory/offices.csv", "admin", "demo").body();
        var records = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv)).getRecords();
        assertThat(records.getFirst().getParser().getHeaderNames()).startsWith("code", "kind", "name_en", "name_es");
        assertThat(records).hasSize(http.get("/api/offices").json().path("offices").size());

        String edited = csv.replace("Seattle Field Office,Oficina Local de Seattle,12500 Tukwila International Boulevard",
                "Seattle Field Office,Oficina Local de Seattle,12600 Tukwila International Boulevard");
        assertThat(edited).isNotEqualTo(csv);
        Http.Response response = importCsv(edited);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(http.get("/api/offices/SEA").json().path("address").path("street").asString())
                .isEqualTo("12600 Tukwila International Boulevard");
        assertThat(http.get("/api/offices?zip=98101").json().path("fieldOffice").path("code").asString()).isEqualTo("SEA");
    }

    @Test
    void badRowsAreEachReportedWithTheirRowAndNothingChanges() {
        int live = http.getAs("/api/directory/files", "admin", "demo").json().path("number").asInt();
        String csv = String.join(",", OfficesCsv.COLUMNS) + "\n"
                + "AAA,FIELD_OFFICE,A Office,Oficina A,1 Main St,Dallas,TX,75201,US,America/Chicago,,,interviews,en,,\n"
                + "BBB,EMBASSY,B Office,Oficina B,1 Main St,Dallas,TX,00000,US,Mars/Olympus,,,,,75x,\n";

        Http.Response response = importCsv(csv);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("rows").valueStream().map(r -> r.path("row").asInt() + " " + r.path("problem").asString()))
                .contains("3 kind must be one of [SERVICE_CENTER, FIELD_OFFICE, SUPPORT_CENTER, INTERNATIONAL]",
                        "3 ZIP code 00000 is not a known U.S. ZIP code",
                        "3 time_zone Mars/Olympus is not a time zone (like America/Chicago)",
                        "3 zip3 75x is not a ZIP prefix or range, like 750 or 750-769")
                .noneMatch(p -> p.startsWith("2 "));
        assertThat(http.getAs("/api/directory/files", "admin", "demo").json().path("number").asInt()).isEqualTo(live);
        assertThat(importCsv("not,a,header\n1,2,3\n").status()).isEqualTo(422);
    }

    private int liveVersion() {
        return http.getAs("/api/directory/files", "admin", "demo").json().path("number").asInt();
    }

    private Http.Response putEntry(String path, String json, String ifMatch) {
        var request = http.request(path).header("Authorization", Http.basic("admin", "demo")).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request);
    }

    private Http.Response importCsv(String kind, String csv) {
        return http.send(http.request("/api/directory/" + kind + ".csv").header("Authorization", Http.basic("admin", "demo"))
                .header("Content-Type", "text/csv").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(csv)));
    }

    private static java.util.List<String> rowProblems(Http.Response response) {
        return response.json().path("rows").valueStream().map(r -> r.path("row").asInt() + " " + r.path("problem").asString()).toList();
    }

    @Test
    void anOfficesHoursChangedAsOneEntryAreWhatTheLocatorSaysAndAStaleChangeIsRefused() {
        var miami = http.getAs("/api/directory/entries/offices/MIA", "admin", "demo").json().path("entry");
        assertThat(miami.path("name").path("en").asString()).isEqualTo("Miami Field Office");
        var changed = (tools.jackson.databind.node.ObjectNode) miami.deepCopy();
        changed.putObject("hours").put("en", NEW_HOURS).put("es", "de lunes a jueves, de 8 a.m. a 2 p.m., solo con cita");
        int before = liveVersion();

        Http.Response saved = putEntry("/api/directory/entries/offices/MIA?note=Miami%20closes%20early", changed.toString(), "\"" + before + "\"");

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("number").asInt()).isGreaterThan(before);
        assertThat(http.get("/api/offices/MIA").json().path("hours").asString()).isEqualTo(NEW_HOURS);
        assertThat(http.get("/api/offices?zip=33150").json().path("fieldOffice").path("hours").asString()).isEqualTo(NEW_HOURS);
        assertThat(http.getAs("/api/directory/versions", "admin", "demo").json().get(0).path("note").asString()).isEqualTo("Miami closes early");
        assertThat(http.getAs("/api/directory/files", "admin", "demo").json().path("files").path("offices.yaml").asString())
                .as("the file keeps the comment that explains its fields").startsWith("#");

        changed.putObject("hours").put("en", "Never").put("es", "Nunca");
        Http.Response stale = putEntry("/api/directory/entries/offices/MIA", changed.toString(), "\"" + before + "\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("message").asString()).contains("not " + before);
        assertThat(http.get("/api/offices/MIA").json().path("hours").asString()).isEqualTo(NEW_HOURS);
    }

    @Test
    void aBadEntryIsRefusedWithWhatIsWrongAndNothingChanges() {
        int live = liveVersion();
        String path = "/api/directory/entries/events/naturalization-houston-2026-12";
        var event = (tools.jackson.databind.node.ObjectNode) http.getAs(path, "admin", "demo").json().path("entry");

        Http.Response notANumber = putEntry(path, event.deepCopy().put("capacity", "lots").toString(), null);
        Http.Response noOffice = putEntry(path, event.deepCopy().put("office", "ZZZ").toString(), null);
        Http.Response unknownField = putEntry(path, event.deepCopy().put("colour", "blue").toString(), null);
        Http.Response renamedOntoAnother = putEntry(path, event.deepCopy().put("id", "daca-webinar-2026-12").toString(), null);

        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.json().path("message").asString()).contains("capacity must be a number, not lots");
        assertThat(noOffice.status()).isEqualTo(422);
        assertThat(noOffice.json().path("message").asString()).contains("events.yaml", "ZZZ");
        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(unknownField.json().path("message").asString()).contains("no such field: colour");
        assertThat(renamedOntoAnother.status()).isEqualTo(422);
        assertThat(liveVersion()).isEqualTo(live);
        assertThat(http.getAs("/api/directory/entries/planets", "admin", "demo").status()).isEqualTo(404);
        assertThat(http.send(http.request("/api/directory/entries/news/no-such-item").header("Authorization", Http.basic("admin", "demo"))
                .DELETE()).status()).isEqualTo(404);
    }

    @Test
    void aLockboxThatMovesIsWhereEveryRuleThatNamesItSendsFilings() {
        var phoenix = (tools.jackson.databind.node.ObjectNode) http.getAs("/api/directory/entries/lockboxes/PHX", "admin", "demo")
                .json().path("entry");
        assertThat(phoenix.path("code").asString()).isEqualTo("PHX");
        ((tools.jackson.databind.node.ObjectNode) phoenix.path("postal")).put("street", "P.O. Box 21300");

        Http.Response moved = putEntry("/api/directory/entries/lockboxes/PHX", phoenix.toString(), null);

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(http.get("/api/filing-addresses?form=I-90&state=TX").body()).contains("P.O. Box 21300");
        assertThat(http.getAs("/api/directory/files", "admin", "demo").json().path("files").path("filing-addresses.yaml").asString())
                .contains("PHX:").doesNotContain("code: PHX");
    }

    @Test
    void aLegalHelpProviderIsAddedByPositionAndRemovedAgain() {
        int count = http.getAs("/api/directory/entries/legal-help", "admin", "demo").json().path("entries").size();
        String provider = JSON.writeValueAsString(Map.of("name", "El Paso Immigrant Legal Services", "kind", "ORGANIZATION",
                "accreditation", "FULL", "city", "El Paso", "state", "TX", "phone", "915-555-0199", "languages", java.util.List.of("en", "es")));

        Http.Response added = http.sendJson("POST", "/api/directory/entries/legal-help", provider, "admin", "demo");

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo("/api/directory/entries/legal-help/" + (count + 1));
        assertThat(http.get("/api/legal-help?state=TX").body()).contains("El Paso Immigrant Legal Services");

        Http.Response removed = http.send(http.request("/api/directory/entries/legal-help/" + (count + 1))
                .header("Authorization", Http.basic("admin", "demo")).DELETE());

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(http.get("/api/legal-help?state=TX").body()).doesNotContain("El Paso Immigrant Legal Services");
    }

    @Test
    void everyKindGoesOutAsCsvAndComesBackAsItWas() {
        for (String kind : java.util.List.of("forms", "filing-rules", "lockboxes", "news", "events", "civil-surgeons", "legal-help")) {
            String csv = http.getAs("/api/directory/" + kind + ".csv", "admin", "demo").body();
            int entries = http.getAs("/api/directory/entries/" + kind, "admin", "demo").json().path("entries").size();
            assertThat(csv.lines().count()).as(kind).isGreaterThanOrEqualTo(entries + 1L);

            Http.Response back = importCsv(kind, csv);

            assertThat(back.status()).as(kind + ": " + back.body()).isEqualTo(201);
            assertThat(http.getAs("/api/directory/" + kind + ".csv", "admin", "demo").body()).as(kind).isEqualTo(csv);
        }
    }

    @Test
    void newsComeBackFromCsvWithAHeadlineAddedAndBadRowsAreEachReported() throws Exception {
        String csv = http.getAs("/api/directory/news.csv", "admin", "demo").body();
        var header = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv)).getHeaderNames();
        assertThat(header).containsExactly("id", "date", "title.en", "title.es", "summary.en", "summary.es");

        Http.Response added = importCsv("news", csv + "office-hours-2026-12,2026-12-02,New office hours,Nuevo horario,"
                + "\"Field offices open at 8 a.m., from Monday.\",\"Las oficinas locales abren a las 8 a.m., desde el lunes.\"\n");

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(http.get("/api/news?lang=es").json().path("news").get(0).path("title").asString()).isEqualTo("Nuevo horario");

        int live = liveVersion();
        Http.Response refused = importCsv("filing-rules", "form,category,states,lockbox,from,until\n"
                + "I-90,,all,PHX,2024-01-01,\n"
                + "I-90,,[TX],XXX,2024-01-01,\n"
                + "I-130,,all,PHX,not-a-date,\n");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(rowProblems(refused)).anyMatch(p -> p.startsWith("3 ") && p.contains("lockbox XXX"))
                .anyMatch(p -> p.startsWith("4 ")).noneMatch(p -> p.startsWith("2 "));
        assertThat(liveVersion()).isEqualTo(live);
    }

    @Test
    void onlyAdministratorsKeepTheDirectory() {
        assertThat(change("tier1", "offices.yaml", offices(), "no").status()).isEqualTo(403);
        assertThat(http.get("/api/directory/files").status()).isEqualTo(401);
    }
}
