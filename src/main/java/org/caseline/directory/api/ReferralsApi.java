package org.caseline.directory.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.LegalHelp;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the agency sends people for what it does not do itself: {@code GET /api/civil-surgeons?zip=}
 * (the immigration medical exam) and {@code GET /api/legal-help?state=}. No sign-in.
 */
@RestController
class ReferralsApi {

    private final DirectoryData data;

    ReferralsApi(DirectoryData data) {
        this.data = data;
    }

    @GetMapping("/api/civil-surgeons")
    Map<String, Object> surgeons(@RequestParam(required = false) String zip) {
        if (zip == null) {
            throw new Directory.MalformedException("Ask with a ZIP code, like ?zip=20529");
        }
        return Map.of("surgeons", data.surgeons().near(zip).stream().map(n -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", n.surgeon().name());
            o.put("practice", n.surgeon().practice());
            o.put("address", n.surgeon().address().oneLine());
            o.put("phone", n.surgeon().phone());
            o.put("languages", n.surgeon().languages());
            o.put("distanceMiles", n.distanceMiles());
            return o;
        }).toList());
    }

    @GetMapping("/api/legal-help")
    Map<String, Object> legalHelp(@RequestParam(required = false) String state, @RequestParam(required = false) String lang,
                                  HttpServletRequest request) {
        Locale language = ApiLanguage.of(lang, request);
        Map<String, Object> body = new LinkedHashMap<>();
        LegalHelp legalHelp = data.legalHelp();
        body.put("warning", legalHelp.warning().in(language));
        body.put("providers", legalHelp.in(state).stream().map(p -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", p.name());
            o.put("kind", p.kind().name());
            o.put("accreditation", p.accreditation().name());
            o.put("city", p.city());
            o.put("state", p.state());
            o.put("phone", p.phone());
            o.put("languages", p.languages());
            return o;
        }).toList());
        return body;
    }
}
