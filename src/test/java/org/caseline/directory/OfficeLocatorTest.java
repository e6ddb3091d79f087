package org.caseline.directory;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ZIP code gives the field office with jurisdiction and the nearest support centers; a country
 * gives its office abroad or, plainly, the U.S. embassy. On the shipped data: every ZIP code the
 * package has, every office of the sample.
 */
class OfficeLocatorTest {

    static final Directory DIRECTORY = new Directory();

    @ParameterizedTest(name = "{0} ({1}) → {2}")
    @CsvSource({
            "35203, Birmingham AL, MON", "99501, Anchorage AK, ANC", "85004, Phoenix AZ, PHO", "72201, Little Rock AR, FSA",
            "90012, Los Angeles CA, LOS", "80202, Denver CO, DEN", "06103, Hartford CT, HAR", "19801, Wilmington DE, DOV",
            "20001, Washington DC, WAS", "33130, Miami FL, MIA", "30303, Atlanta GA, ATL", "96813, Honolulu HI, HHW",
            "83702, Boise ID, BOI", "60601, Chicago IL, CHI", "46204, Indianapolis IN, IND", "50309, Des Moines IA, DSM",
            "67202, Wichita KS, WIC", "40202, Louisville KY, LOU", "70112, New Orleans LA, NOL", "04101, Portland ME, POM",
            "21201, Baltimore MD, BAL", "02108, Boston MA, BOS", "48226, Detroit MI, DET", "55401, Minneapolis MN, SPM",
            "39201, Jackson MS, JAK", "64105, Kansas City MO, KAN", "59101, Billings MT, HEL", "68102, Omaha NE, OMA",
            "89101, Las Vegas NV, LVG", "03101, Manchester NH, MAN", "07102, Newark NJ, NEW", "87102, Albuquerque NM, ALB",
            "10007, New York NY, NYC", "28202, Charlotte NC, CLT", "58102, Fargo ND, FAR", "43215, Columbus OH, CLM",
            "73102, Oklahoma City OK, OKC", "97204, Portland OR, POO", "19107, Philadelphia PA, PHI", "02903, Providence RI, PRO",
            "29401, Charleston SC, CHL", "57104, Sioux Falls SD, SXF", "37203, Nashville TN, NSH", "77002, Houston TX, HOU",
            "84101, Salt Lake City UT, SLC", "05401, Burlington VT, STA", "23451, Virginia Beach VA, NOR", "98101, Seattle WA, SEA",
            "25301, Charleston WV, CHW", "53202, Milwaukee WI, MIL", "82001, Cheyenne WY, CAS", "00901, San Juan PR, SAJ"})
    void everyStatesLargestCityHasItsFieldOffice(String zip, String where, String office) {
        Directory.Located located = DIRECTORY.locate(zip);

        assertThat(located.fieldOffice().code()).as(where).isEqualTo(office);
        assertThat(located.zip().state()).isEqualTo(where.substring(where.length() - 2));
        assertThat(located.noOfficeInItsState()).isFalse();
    }

    @Test
    void aCityWithItsOwnOfficeTakesItsZipCodesFromTheStatesOffice() {
        assertThat(DIRECTORY.locate("75201").fieldOffice().code()).as("Dallas").isEqualTo("DAL");
        assertThat(DIRECTORY.locate("79901").fieldOffice().code()).as("El Paso").isEqualTo("ELP");
        assertThat(DIRECTORY.locate("77002").fieldOffice().code()).as("Houston, the state's own").isEqualTo("HOU");
        assertThat(DIRECTORY.locate("94103").fieldOffice().code()).as("San Francisco").isEqualTo("SFR");
    }

    @Test
    void zipCodesEitherSideOfAStateLineGoToTheirOwnStatesOffices() {
        // Texarkana: 75501 is Texas, 71854 Arkansas; Kansas City: 64105 Missouri, 66101 Kansas
        assertThat(DIRECTORY.locate("75501").fieldOffice().code()).isEqualTo("DAL");
        assertThat(DIRECTORY.locate("71854").fieldOffice().code()).isEqualTo("FSA");
        assertThat(DIRECTORY.locate("64105").fieldOffice().code()).isEqualTo("KAN");
        assertThat(DIRECTORY.locate("66101").fieldOffice().code()).isEqualTo("WIC");
    }

    @Test
    void theNearestSupportCentersComeWithTheirDistanceNearestFirst() {
        Directory.Located located = DIRECTORY.locate("10007");

        assertThat(located.supportCenters()).hasSize(Directory.SUPPORT_CENTERS_LISTED);
        assertThat(located.supportCenters().getFirst().office().code()).isEqualTo("NYCA");
        assertThat(located.supportCenters().getFirst().distanceMiles()).isLessThan(5);
        List<Double> miles = located.supportCenters().stream().map(Directory.Nearby::distanceMiles).toList();
        assertThat(miles).isSorted();
        assertThat(miles.getLast()).as("Newark, Long Island: tens of miles, not thousands").isBetween(5.0, 80.0);
    }

    @Test
    void aZipCodeInAPlaceWithoutAFieldOfficeGetsTheNearestOneSaidSo() {
        Directory.Located located = DIRECTORY.locate("96799"); // American Samoa

        assertThat(located.noOfficeInItsState()).isTrue();
        assertThat(located.fieldOffice().code()).isEqualTo("HHW");
    }

    @Test
    void aMalformedOrUnknownZipCodeIsRefusedPlainly() {
        for (String malformed : new String[] {"2052", "205299", "2O529", "", " "}) {
            assertThatThrownBy(() -> DIRECTORY.locate(malformed)).as(malformed)
                    .isInstanceOf(Directory.MalformedException.class).hasMessageContaining("five digits");
        }
        assertThatThrownBy(() -> DIRECTORY.locate("00000")).isInstanceOf(Directory.NotFoundException.class)
                .hasMessage("There is no U.S. ZIP code 00000");
        assertThat(DIRECTORY.locate("10007-1234").fieldOffice().code()).as("ZIP+4").isEqualTo("NYC");
    }

    @Test
    void aCountryWithAnOfficeAbroadGetsItAndOneWithoutGetsTheEmbassy() {
        Directory.Abroad mexico = DIRECTORY.abroad("mx");
        assertThat(mexico.office()).get().extracting(Office::code).isEqualTo("MEX");
        assertThat(mexico.countryName().es()).isEqualTo("México");

        Directory.Abroad germany = DIRECTORY.abroad("DE");
        assertThat(germany.office()).isEmpty();
        assertThat(germany.guidance().en()).contains("U.S. embassy or consulate");
        assertThat(germany.countryName().en()).isEqualTo("Germany");
    }

    @Test
    void aCountryCodeThatIsNoneIsRefusedPlainly() {
        assertThatThrownBy(() -> DIRECTORY.abroad("Germany")).isInstanceOf(Directory.MalformedException.class)
                .hasMessageContaining("two-letter ISO 3166 code");
        assertThatThrownBy(() -> DIRECTORY.abroad("XX")).isInstanceOf(Directory.NotFoundException.class)
                .hasMessage("No country has the code XX");
    }

    @Test
    void twoOfficesClaimingTheSameZipCodesStopTheStart() {
        String yaml = """
                hours: { field-office: { en: "By appointment", es: "Con cita" } }
                accessibility: { en: "Step-free", es: "Sin escalones" }
                abroad: { en: "The embassy", es: "La embajada" }
                offices:
                  - { code: AAA, kind: FIELD_OFFICE, name: { en: "A", es: "A" }, address: { street: "1 A St", city: "Dallas", state: TX, zip: "75201" }, zip3: ["750-752"] }
                  - { code: BBB, kind: FIELD_OFFICE, name: { en: "B", es: "B" }, address: { street: "1 B St", city: "Dallas", state: TX, zip: "75201" }, zip3: ["752"] }
                """;
        assertThatThrownBy(() -> new Directory(ZipCodes.shipped(), new java.io.ByteArrayInputStream(yaml.getBytes())))
                .hasMessageContaining("ZIP codes 752xx are claimed by AAA and BBB");
    }
}
