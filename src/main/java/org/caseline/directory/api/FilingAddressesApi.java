package org.caseline.directory.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.caseline.directory.Address;
import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.FilingAddresses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where to mail a form: {@code GET /api/filing-addresses?form=I-130&state=TX[&category=alone]
 * [&delivery=courier][&on=2026-12-01]}. No sign-in.
 */
@RestController
class FilingAddressesApi {

    private final DirectoryData data;
    private final Clock clock;

    FilingAddressesApi(DirectoryData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    @GetMapping("/api/filing-addresses")
    Map<String, Object> find(@RequestParam(required = false) String form, @RequestParam(required = false) String state,
                             @RequestParam(required = false) String category, @RequestParam(required = false) String delivery,
                             @RequestParam(required = false) String on, @RequestParam(required = false) String lang,
                             HttpServletRequest request) {
        if (form == null || state == null) {
            throw new Directory.MalformedException("Ask with form and state, like ?form=I-130&state=TX");
        }
        LocalDate day;
        try {
            day = on == null ? LocalDate.now(clock) : LocalDate.parse(on.strip());
        } catch (DateTimeParseException e) {
            throw new Directory.MalformedException("on is a date like 2026-12-01");
        }
        Locale language = ApiLanguage.of(lang, request);
        FilingAddresses addresses = data.filing();
        FilingAddresses.Answer answer = addresses.find(form, state, category, delivery, day);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("form", answer.form());
        body.put("state", answer.state());
        body.put("category", answer.category());
        body.put("categoryName", answer.category() == null ? null
                : addresses.categories(answer.form()).get(answer.category()).in(language));
        body.put("delivery", answer.delivery().name());
        body.put("lockbox", answer.lockbox().name());
        Address a = answer.address();
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", answer.lockbox().name());
        address.put("street", a.street());
        address.put("city", a.city());
        address.put("state", a.state());
        address.put("zip", a.zip());
        body.put("address", address);
        body.put("effectiveFrom", answer.rule().from().toString());
        body.put("effectiveUntil", answer.rule().until() == null ? null : answer.rule().until().toString());
        return body;
    }
}
