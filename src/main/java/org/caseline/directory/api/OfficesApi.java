package org.caseline.directory.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.Office;
import org.caseline.directory.OfficeKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public office locator: {@code GET /api/offices?zip=}, {@code ?country=}, {@code ?kind=},
 * {@code /api/offices/{code}}. Texts in English, or Spanish with {@code lang=es} (or the
 * request's Accept-Language); no sign-in.
 */
@RestController
@RequestMapping("/api/offices")
class OfficesApi {

    private final DirectoryData data;

    OfficesApi(DirectoryData data) {
        this.data = data;
    }

    @GetMapping
    Map<String, Object> find(@RequestParam(required = false) String zip, @RequestParam(required = false) String country,
                             @RequestParam(required = false) String kind, @RequestParam(required = false) String lang,
                             HttpServletRequest request) {
        Locale language = ApiLanguage.of(lang, request);
        if (zip != null && country != null) {
            throw new Directory.MalformedException("Ask by zip or by country, not both");
        }
        if (zip != null) {
            Directory.Located located = data.offices().locate(zip);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("zip", Map.of("zip", located.zip().zip(), "city", located.zip().city(), "state", located.zip().state()));
            body.put("fieldOffice", office(located.fieldOffice(), language));
            body.put("noFieldOfficeInState", located.noOfficeInItsState());
            body.put("supportCenters", located.supportCenters().stream().map(n -> {
                Map<String, Object> o = office(n.office(), language);
                o.put("distanceMiles", n.distanceMiles());
                return o;
            }).toList());
            return body;
        }
        if (country != null) {
            Directory.Abroad abroad = data.offices().abroad(country);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("country", Map.of("code", abroad.country(), "name", abroad.countryName().in(language)));
            body.put("office", abroad.office().map(o -> office(o, language)).orElse(null));
            body.put("guidance", abroad.guidance() == null ? null : abroad.guidance().in(language));
            return body;
        }
        OfficeKind only = null;
        if (kind != null) {
            try {
                only = OfficeKind.valueOf(kind.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new Directory.MalformedException("kind is one of service-center, field-office, support-center, international");
            }
        }
        OfficeKind wanted = only;
        List<Map<String, Object>> offices = data.offices().offices().stream().filter(o -> wanted == null || o.kind() == wanted)
                .map(o -> office(o, language)).toList();
        return Map.of("offices", offices);
    }

    @GetMapping("/{code}")
    Map<String, Object> one(@PathVariable String code, @RequestParam(required = false) String lang, HttpServletRequest request) {
        return office(data.offices().office(code).orElseThrow(() -> new Directory.NotFoundException("No office has the code " + code)),
                ApiLanguage.of(lang, request));
    }

    static Map<String, Object> office(Office office, Locale language) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", office.code());
        o.put("kind", office.kind().name());
        o.put("name", office.name().in(language));
        o.put("city", office.address().city());
        o.put("state", office.address().state());
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", office.address().street());
        address.put("city", office.address().city());
        address.put("state", office.address().state());
        address.put("zip", office.address().zip());
        address.put("country", office.address().country());
        o.put("address", address);
        o.put("timeZone", office.timeZone());
        o.put("hours", office.hours().in(language));
        o.put("services", office.services());
        o.put("languages", office.languages());
        o.put("accessibility", office.accessibility().in(language));
        if (!office.countries().isEmpty()) {
            o.put("countries", office.countries());
        }
        return o;
    }

}
