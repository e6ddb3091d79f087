package org.caseline.directory.web;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.Office;
import org.caseline.directory.OfficeKind;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Find an office": by ZIP code, the field office and the nearest support centers; by country, the office abroad. */
@Controller
class OfficeLocatorPage {

    private static final int MAX_INPUT = 20;

    /** An office as the page shows it, in the visitor's language. */
    record Shown(String code, String name, String address, String hours, String accessibility, List<String> services,
                 String distance) {
    }

    record Country(String code, String name) {
    }

    private final DirectoryData data;
    private final MessageSource messages;

    OfficeLocatorPage(DirectoryData data, MessageSource messages) {
        this.data = data;
        this.messages = messages;
    }

    @GetMapping("/find-an-office")
    String find(@RequestParam(required = false) String zip, @RequestParam(required = false) String country, Locale locale,
                HttpServletResponse response, Model model) {
        Locale language = Languages.supported(locale);
        Directory directory = data.offices();
        model.addAttribute("zip", zip == null ? "" : abbreviate(zip));
        model.addAttribute("country", country == null ? "" : abbreviate(country));
        model.addAttribute("countries", countries(language));
        java.util.Set<String> found = new java.util.HashSet<>();
        if (zip != null && !zip.isBlank()) {
            try {
                Directory.Located located = directory.locate(abbreviate(zip));
                model.addAttribute("place", located.zip().city() + ", " + located.zip().state() + " " + located.zip().zip());
                model.addAttribute("fieldOffice", shown(located.fieldOffice(), language, null));
                found.add(located.fieldOffice().code());
                model.addAttribute("noOfficeInState", located.noOfficeInItsState());
                model.addAttribute("supportCenters", located.supportCenters().stream()
                        .map(n -> shown(n.office(), language, messages.getMessage("offices.miles",
                                new Object[] {n.distanceMiles()}, language)))
                        .toList());
            } catch (Directory.MalformedException e) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                model.addAttribute("zipError", messages.getMessage("offices.error.zip.malformed", null, language));
            } catch (Directory.NotFoundException e) {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                model.addAttribute("zipError", messages.getMessage("offices.error.zip.unknown",
                        new Object[] {abbreviate(zip).strip()}, language));
            }
        } else if (country != null && !country.isBlank()) {
            try {
                Directory.Abroad abroad = directory.abroad(abbreviate(country));
                model.addAttribute("countryName", abroad.countryName().in(language));
                abroad.office().ifPresent(o -> model.addAttribute("abroadOffice", shown(o, language, null)));
                model.addAttribute("guidance", abroad.guidance() == null ? null : abroad.guidance().in(language));
            } catch (Directory.MalformedException | Directory.NotFoundException e) {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                model.addAttribute("countryError", messages.getMessage("offices.error.country", null, language));
            }
        }
        List<Office> fieldOffices = directory.offices().stream().filter(o -> o.kind() == OfficeKind.FIELD_OFFICE).toList();
        model.addAttribute("allFieldOffices", fieldOffices.stream().map(o -> shown(o, language, null)).toList());
        model.addAttribute("mapData", mapData(fieldOffices, found, language));
        return "find-an-office";
    }

    /** The field offices for the map, as JSON for a data block ("</" escaped: it sits inside a script element). */
    private static String mapData(List<Office> offices, java.util.Set<String> found, Locale language) {
        List<java.util.Map<String, Object>> dots = offices.stream().filter(o -> o.latitude() != null)
                .map(o -> java.util.Map.<String, Object>of("name", o.name().in(language), "lat", o.latitude(),
                        "lon", o.longitude(), "found", found.contains(o.code())))
                .toList();
        return JSON.writeValueAsString(dots).replace("</", "<\\/");
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private Shown shown(Office office, Locale language, String distance) {
        return new Shown(office.code(), office.name().in(language), office.address().oneLine(), office.hours().in(language),
                office.accessibility().in(language), office.services().stream()
                .map(s -> messages.getMessage("offices.service." + s, null, s, language)).toList(), distance);
    }

    /** Every country but the United States, by its name in the visitor's language: sorted once per language. */
    private static List<Country> countries(Locale language) {
        return COUNTRIES.computeIfAbsent(language.getLanguage(), l -> sortedCountries(language));
    }

    private static final java.util.Map<String, List<Country>> COUNTRIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Country> sortedCountries(Locale language) {
        Collator order = Collator.getInstance(language);
        return Locale.getISOCountries().length == 0 ? List.of() : java.util.Arrays.stream(Locale.getISOCountries())
                .filter(c -> !"US".equals(c))
                .map(c -> new Country(c, Locale.of("", c).getDisplayCountry(language)))
                .sorted(Comparator.comparing(Country::name, order)).toList();
    }

    private static String abbreviate(String input) {
        return input.length() > MAX_INPUT ? input.substring(0, MAX_INPUT) : input;
    }
}
