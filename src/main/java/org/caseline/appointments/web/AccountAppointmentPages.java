package org.caseline.appointments.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caseline.accounts.Applicants;
import org.caseline.appointments.AppointmentWording;
import org.caseline.appointments.Appointments;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account holder's appointments page ({@code /account/appointments}): the appointments of
 * their linked cases, and for one they may move themselves (biometrics), the earlier free times
 * at its center and the nearby ones, to choose from. Works without JavaScript: plain forms.
 */
@Controller
class AccountAppointmentPages {

    /** One appointment as the page shows it; {@code choices} are the earlier slots (value: office|start, label). */
    record Row(String id, String reference, String type, String when, String office, String status, boolean movable,
               List<String[]> choices) {
    }

    private final Appointments appointments;
    private final AppointmentWording wording;
    private final Applicants applicants;
    private final MessageSource messages;
    private final java.time.Clock clock;

    AccountAppointmentPages(Appointments appointments, AppointmentWording wording, Applicants applicants, MessageSource messages,
                            java.time.Clock clock) {
        this.clock = clock;
        this.appointments = appointments;
        this.wording = wording;
        this.applicants = applicants;
        this.messages = messages;
    }

    @GetMapping("/account/appointments")
    String page(Authentication who, Locale locale, Model model) {
        Locale language = Languages.supported(locale);
        UUID me = UUID.fromString(who.getName());
        List<Row> rows = new ArrayList<>();
        for (var linked : applicants.cases(me)) {
            for (Appointments.Appointment a : appointments.ofCase(linked.receiptNumber())) {
                AppointmentWording.Said said = wording.of(a, language);
                boolean movable = a.status().equals("BOOKED") && appointments.movableByHolder(a) && a.start().isAfter(clock.instant());
                List<String[]> choices = movable ? appointments.earlier(a, 6).stream().map(s -> new String[] {s.office() + "|" + s.start(),
                        wording.when(s.office(), s.start(), language) + " — " + wording.officeName(s.office(), language)}).toList() : List.of();
                rows.add(new Row(a.id().toString(), said.reference(), said.type(), said.when(), said.office() + ", " + said.address(),
                        text("account.appointments.status." + a.status(), a.status(), language), movable, choices));
            }
        }
        model.addAttribute("appointments", rows);
        return "account-appointments";
    }

    @PostMapping("/account/appointments/{id}/reschedule")
    String reschedule(@PathVariable UUID id, @RequestParam(required = false) String slot, Authentication who, Locale locale,
                      RedirectAttributes redirect) {
        Locale language = Languages.supported(locale);
        UUID me = UUID.fromString(who.getName());
        try {
            Appointments.Appointment a = appointments.find(id).filter(x -> applicants.linked(me, x.receiptNumber()).isPresent())
                    .orElseThrow(() -> new Appointments.Refused(404, "no-appointment", "No such appointment on your cases."));
            if (!appointments.movableByHolder(a)) {
                throw new Appointments.Refused(422, "not-online", "This appointment can be moved only by an officer.");
            }
            String[] parts = slot == null ? new String[0] : slot.split("\\|", 2);
            if (parts.length != 2) {
                throw new Appointments.Refused(422, "choose", "Choose a new time.");
            }
            Appointments.Appointment moved = appointments.reschedule(id, parts[0], AccountAppointmentsApi.instant(parts[1]), who.getName());
            redirect.addFlashAttribute("moved", messages.getMessage("account.appointments.moved",
                    new Object[] {wording.of(moved, language).when()}, language));
        } catch (Appointments.Refused e) {
            redirect.addFlashAttribute("error", text("account.appointments.error." + e.code(), e.getMessage(), language));
        }
        return "redirect:/account/appointments";
    }

    private String text(String key, String fallback, Locale language) {
        return messages.getMessage(key, null, fallback, language);
    }
}
