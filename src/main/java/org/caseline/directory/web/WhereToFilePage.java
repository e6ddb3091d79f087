package org.caseline.directory.web;

import java.text.Collator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.caseline.cases.Catalogue;
import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.FilingAddresses;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Where to mail a form": the form, the filer's state, how it is filed and sent, then the address. */
@Controller
class WhereToFilePage {

    record Choice(String value, String label) {
    }

    private final DirectoryData data;
    private final Catalogue catalogue;
    private final MessageSource messages;
    private final Clock clock;

    WhereToFilePage(DirectoryData data, Catalogue catalogue, MessageSource messages, Clock clock) {
        this.data = data;
        this.catalogue = catalogue;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/where-to-file")
    String page(@RequestParam(required = false) String form, @RequestParam(required = false) String state,
                @RequestParam(required = false) String category, @RequestParam(required = false) String delivery,
                Locale locale, HttpServletResponse response, Model model) {
        Locale language = Languages.supported(locale);
        FilingAddresses addresses = data.filing();
        String chosenForm = catalogue.form(form == null ? "" : form.strip()).map(Catalogue.Form::number).orElse("");
        String chosenState = state != null && FilingAddresses.STATES.contains(state.strip()) ? state.strip() : "";
        boolean courier = "courier".equalsIgnoreCase(delivery);
        model.addAttribute("form", chosenForm);
        model.addAttribute("state", chosenState);
        model.addAttribute("category", category == null ? "" : category);
        model.addAttribute("courier", courier);
        model.addAttribute("forms", catalogue.forms().stream()
                .map(f -> new Choice(f.number(), f.number() + " · " + f.title().in(language))).toList());
        Collator order = Collator.getInstance(language);
        model.addAttribute("states", FilingAddresses.STATES.stream()
                .map(s -> new Choice(s, messages.getMessage("state." + s, null, s, language)))
                .sorted(Comparator.comparing(Choice::label, order)).toList());
        model.addAttribute("categories", chosenForm.isEmpty() ? List.of() : addresses.categories(chosenForm).entrySet().stream()
                .map(e -> new Choice(e.getKey(), e.getValue().in(language))).toList());
        if (form == null && state == null) {
            return "where-to-file";
        }
        if (chosenForm.isEmpty()) {
            return refuse(response, model, "formError", "file.error.form", language);
        }
        if (chosenState.isEmpty()) {
            return refuse(response, model, "stateError", "file.error.state", language);
        }
        boolean categorised = !addresses.categories(chosenForm).isEmpty();
        if (categorised && (category == null || !addresses.categories(chosenForm).containsKey(category))) {
            return refuse(response, model, "categoryError", "file.error.category", language);
        }
        try {
            FilingAddresses.Answer answer = addresses.find(chosenForm, chosenState, categorised ? category : null,
                    courier ? "courier" : "postal", LocalDate.now(clock));
            model.addAttribute("lockbox", answer.lockbox().name());
            model.addAttribute("address", answer.address());
            model.addAttribute("effective", messages.getMessage("file.result.effective",
                    new Object[] {Languages.longDate(answer.rule().from(), language)}, language));
        } catch (Directory.NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("lookupError", messages.getMessage("file.error.none", new Object[] {chosenForm}, language));
        }
        return "where-to-file";
    }

    private String refuse(HttpServletResponse response, Model model, String field, String key, Locale language) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute(field, messages.getMessage(key, null, language));
        return "where-to-file";
    }
}
