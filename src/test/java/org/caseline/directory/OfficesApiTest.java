package org.caseline.directory;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Anyone finds an office: by ZIP code, by country, by code; a bad question gets a plain answer, not a 500. */
@CaseLineTest
class OfficesApiTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @Test
    void aZipCodeGivesItsFieldOfficeAndTheNearestSupportCentersWithoutSigningIn() {
        Http.Response response = http.get("/api/offices?zip=10007");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("zip").path("city").asString()).isEqualTo("New York");
        assertThat(body.path("zip").path("state").asString()).isEqualTo("NY");
        JsonNode office = body.path("fieldOffice");
        assertThat(office.path("code").asString()).isEqualTo("NYC");
        assertThat(office.path("kind").asString()).isEqualTo("FIELD_OFFICE");
        assertThat(office.path("name").asString()).isEqualTo("New York City Field Office");
        assertThat(office.path("address").path("street").asString()).isEqualTo("26 Federal Plaza");
        assertThat(office.path("hours").asString()).contains("by appointment only");
        assertThat(office.path("services").valueStream().map(JsonNode::asString)).contains("interviews");
        JsonNode nearest = body.path("supportCenters").get(0);
        assertThat(nearest.path("kind").asString()).isEqualTo("SUPPORT_CENTER");
        assertThat(nearest.path("distanceMiles").asDouble()).isBetween(0.0, 5.0);
    }

    @Test
    void inSpanishTheNamesAndHoursAreSpanish() {
        JsonNode office = http.get("/api/offices?zip=33130&lang=es").json().path("fieldOffice");

        assertThat(office.path("name").asString()).isEqualTo("Oficina Local de Miami");
        assertThat(office.path("hours").asString()).isEqualTo("de lunes a viernes, de 7:30 a.m. a 3:30 p.m., solo con cita");
    }

    @Test
    void aCountryGivesItsOfficeAbroadOrTheEmbassy() {
        JsonNode india = http.get("/api/offices?country=IN").json();
        assertThat(india.path("office").path("code").asString()).isEqualTo("NDH");
        assertThat(india.path("country").path("name").asString()).isEqualTo("India");

        JsonNode germany = http.get("/api/offices?country=de&lang=es").json();
        assertThat(germany.path("office").isNull()).isTrue();
        assertThat(germany.path("country").path("name").asString()).isEqualTo("Alemania");
        assertThat(germany.path("guidance").asString()).contains("embajada o el consulado de los Estados Unidos");
    }

    @Test
    void anOfficeByItsCodeAndTheOfficesOfAKind() {
        assertThat(http.get("/api/offices/hou").json().path("name").asString()).isEqualTo("Houston Field Office");
        assertThat(http.get("/api/offices?kind=international").json().path("offices").size()).isEqualTo(7);
        assertThat(http.get("/api/offices?kind=service-center").json().path("offices").valueStream()
                .map(o -> o.path("code").asString())).contains("VSC", "CSC", "NSC", "TSC", "NBC", "PSC");
    }

    @Test
    void badQuestionsGetTheirOwnPlainAnswers() {
        assertRefused(http.get("/api/offices?zip=1234"), 400, "A ZIP code is five digits");
        assertRefused(http.get("/api/offices?zip=%3Cscript%3E"), 400, "A ZIP code is five digits");
        assertRefused(http.get("/api/offices?zip=00000"), 404, "There is no U.S. ZIP code 00000");
        assertRefused(http.get("/api/offices?country=Germany"), 400, "two-letter ISO 3166 code");
        assertRefused(http.get("/api/offices?country=XX"), 404, "No country has the code XX");
        assertRefused(http.get("/api/offices/NOPE"), 404, "No office has the code NOPE");
        assertRefused(http.get("/api/offices?kind=embassy"), 400, "kind is one of");
        assertRefused(http.get("/api/offices?zip=10007&country=MX"), 400, "not both");
    }

    @Test
    void whereToMailAFormByItsStateAndHowItIsFiled() {
        JsonNode answer = http.get("/api/filing-addresses?form=I-130&state=TX&category=alone&on=2026-12-01&lang=es").json();

        assertThat(answer.path("lockbox").asString()).isEqualTo("USCIS Phoenix Lockbox");
        assertThat(answer.path("address").path("street").asString()).isEqualTo("P.O. Box 21281");
        assertThat(answer.path("categoryName").asString()).isEqualTo("presentado solo");
        assertThat(answer.path("effectiveFrom").asString()).isEqualTo("2024-01-01");
        assertThat(http.get("/api/filing-addresses?form=N-400&state=NY&delivery=courier").json().path("address")
                .path("city").asString()).isEqualTo("Lewisville");
        assertRefused(http.get("/api/filing-addresses?form=I-130&state=TX"), 400, "say which with category");
        assertRefused(http.get("/api/filing-addresses?form=I-129&state=TX"), 404, "No filing address is on record for I-129");
        assertRefused(http.get("/api/filing-addresses?form=N-400&state=TX&on=yesterday"), 400, "on is a date");
        assertRefused(http.get("/api/filing-addresses?state=TX"), 400, "Ask with form and state");
    }

    @Test
    void theFormsWithTheirEditionsFeesAndWhereToFileThem() {
        JsonNode forms = http.get("/api/forms").json().path("forms");
        assertThat(forms.size()).isEqualTo(18);

        JsonNode i130 = http.get("/api/forms/i130?lang=es").json();
        assertThat(i130.path("number").asString()).isEqualTo("I-130");
        assertThat(i130.path("title").asString()).isEqualTo("Petición de Familiar Extranjero");
        assertThat(i130.path("fees").get(0).path("amount").asInt()).isEqualTo(675);
        assertThat(i130.path("fees").get(0).path("when").asString()).isEqualTo("presentado en papel");
        assertThat(i130.path("filingCategories").valueStream().map(JsonNode::asString)).containsExactly("alone", "with-i-485");
        assertThat(i130.path("orderableByMail").asBoolean()).isTrue();
        assertRefused(http.get("/api/forms/X-1"), 404, "No form X-1 is known");
    }

    @Test
    void civilSurgeonsNearestAZipCodeFirstAndLegalHelpWithTheWarningAboutNotarios() {
        JsonNode surgeons = http.get("/api/civil-surgeons?zip=60601").json().path("surgeons");
        assertThat(surgeons.size()).isEqualTo(CivilSurgeons.LISTED);
        assertThat(surgeons.get(0).path("address").asString()).endsWith("Chicago, IL 60605");
        assertThat(surgeons.get(0).path("distanceMiles").asDouble()).isLessThan(surgeons.get(4).path("distanceMiles").asDouble());
        assertRefused(http.get("/api/civil-surgeons?zip=6060"), 400, "five digits");

        JsonNode help = http.get("/api/legal-help?state=tx&lang=es").json();
        assertThat(help.path("warning").asString()).contains("notario público");
        assertThat(help.path("providers").valueStream().map(p -> p.path("state").asString())).isNotEmpty().allMatch("TX"::equals);
        assertThat(help.path("providers").valueStream().map(p -> p.path("kind").asString())).contains("ORGANIZATION", "REPRESENTATIVE");
        assertRefused(http.get("/api/legal-help?state=Texas"), 400, "two-letter postal code");
    }

    private static void assertRefused(Http.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("code").asString()).isEqualTo(String.valueOf(status));
        assertThat(response.json().path("message").asString()).contains(message);
    }
}
