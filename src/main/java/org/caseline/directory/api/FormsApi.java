package org.caseline.directory.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.caseline.directory.Address;
import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.FormOrders;
import org.caseline.directory.Forms;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The forms: {@code GET /api/forms}, {@code GET /api/forms/{number}}, and ordering a paper copy by mail. No sign-in. */
@RestController
class FormsApi {

    /** An order for a paper copy: who, the address to mail it to, optionally an email for the confirmation. */
    record Ordering(String name, Address address, String email) {
    }

    private final DirectoryData data;
    private final FormOrders orders;

    FormsApi(DirectoryData data, FormOrders orders) {
        this.data = data;
        this.orders = orders;
    }

    /** Orders a paper copy by mail: 201 with a reference; 400 for what is wrong, 404 for no such form. */
    @PostMapping("/api/forms/{number}/orders")
    ResponseEntity<Map<String, Object>> order(@PathVariable String number, @RequestBody(required = false) Ordering body,
                                              @RequestParam(required = false) String lang, HttpServletRequest request) {
        if (body == null) {
            throw new Directory.MalformedException("Send name and address (street, city, state, zip)");
        }
        var order = orders.order(number, body.name(), body.address(), body.email(), ApiLanguage.of(lang, request),
                request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
        return ResponseEntity.status(201).body(Map.of("reference", order.reference(), "form", order.form(), "status", "RECEIVED"));
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
