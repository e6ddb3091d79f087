package org.caseline.directory.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.Forms;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The forms: {@code GET /api/forms}, {@code GET /api/forms/{number}}. No sign-in. */
@RestController
class FormsApi {

    private final DirectoryData data;

    FormsApi(DirectoryData data) {
        this.data = data;
    }

    @GetMapping("/api/forms")
    Map<String, Object> all(@RequestParam(required = false) String lang, HttpServletRequest request) {
        Locale language = ApiLanguage.of(lang, request);
        return Map.of("forms", data.forms().all().stream().map(f -> form(f, language)).toList());
    }

    @GetMapping("/api/forms/{number}")
    Map<String, Object> one(@PathVariable String number, @RequestParam(required = false) String lang, HttpServletRequest request) {
        return form(data.forms().form(number).orElseThrow(() -> new Directory.NotFoundException("No form " + number + " is known")),
                ApiLanguage.of(lang, request));
    }

    private Map<String, Object> form(Forms.Form form, Locale language) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("number", form.number());
        o.put("title", form.title().in(language));
        o.put("edition", form.edition().toString());
        o.put("fees", form.fees().stream().map(fee -> Map.of("amount", fee.amount(), "currency", "USD",
                "when", fee.when().in(language))).toList());
        o.put("filingCategories", List.copyOf(data.filing().categories(form.number()).keySet()));
        o.put("whereToFile", "/api/filing-addresses?form=" + form.number());
        o.put("page", form.page());
        o.put("orderableByMail", form.orderable());
        return o;
    }

}
