package org.caseline.appointments.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.appointments.AppointmentWording;
import org.caseline.appointments.Appointments;
import org.caseline.directory.DirectoryData;
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
 * An office's day ({@code /staff/office/appointments}): who comes when, for what, with what to
 * prepare (the accommodations asked for), and the check-in as each person arrives, or the no-show
 * once their time has passed. Office staff see their own office; supervisors any.
 */
@Controller
class OfficeDayPage {

    /** One line of the day: time, type, reference, accommodations, status, and what may be done now. */
    record Line(String id, String time, String type, String reference, String accommodations, String status, boolean booked) {
    }

    private final Appointments appointments;
    private final AppointmentWording wording;
    private final DirectoryData directory;
    private final StaffAccounts staff;
    private final MessageSource messages;

    OfficeDayPage(Appointments appointments, AppointmentWording wording, DirectoryData directory, StaffAccounts staff, MessageSource messages) {
        this.appointments = appointments;
        this.wording = wording;
        this.directory = directory;
        this.staff = staff;
        this.messages = messages;
    }

    @GetMapping("/staff/office/appointments")
    String day(@RequestParam(required = false) String office, @RequestParam(required = false) String day, Authentication who,
               Locale locale, Model model) {
        Locale language = Languages.supported(locale);
        String code = officeFor(who, office);
        var found = directory.offices().office(code);
        LocalDate date = parse(day, found.map(o -> LocalDate.now(ZoneId.of(o.timeZone()))).orElse(LocalDate.now()));
        model.addAttribute("office", code);
        model.addAttribute("day", date.toString());
        model.addAttribute("officeName", found.map(o -> o.name().in(language)).orElse(code));
        model.addAttribute("lines", found.isEmpty() ? java.util.List.of() : appointments.dayList(code, date).stream().map(a -> {
            AppointmentWording.Said said = wording.of(a, language);
            String needs = String.join(", ", a.accommodations().stream()
                    .map(n -> messages.getMessage("appointments.accommodation." + n, null, n, language)).toList());
            return new Line(a.id().toString(), said.time(), said.type(), said.reference(), needs,
                    messages.getMessage("account.appointments.status." + a.status(), null, a.status(), language), a.status().equals("BOOKED"));
        }).toList());
        return "staff-office-appointments";
    }

    @PostMapping("/staff/office/appointments/{id}/{step}")
    String record(@PathVariable UUID id, @PathVariable String step, Authentication who, Locale locale, RedirectAttributes redirect) {
        Locale language = Languages.supported(locale);
        Appointments.Appointment a = appointments.find(id).orElse(null);
        if (a == null) {
            return "redirect:/staff/office/appointments";
        }
        String office = officeFor(who, a.office());
        try {
            switch (step) {
                case "check-in" -> appointments.checkIn(id, who.getName());
                case "no-show" -> appointments.noShow(id, who.getName());
                default -> throw new Appointments.Refused(404, "step", "No such step " + step + ".");
            }
            redirect.addFlashAttribute("done", messages.getMessage("office.day.done." + step, null, language));
        } catch (Appointments.Refused e) {
            redirect.addFlashAttribute("error", messages.getMessage("office.day.error." + e.code(), null, e.getMessage(), language));
        }
        var at = directory.offices().office(office).map(o -> a.start().atZone(ZoneId.of(o.timeZone())).toLocalDate()).orElseThrow();
        return "redirect:/staff/office/appointments?office=" + office + "&day=" + at;
    }

    /** Office staff keep their own office's day; a supervisor or an administrator chooses. */
    private String officeFor(Authentication who, String asked) {
        boolean wider = who.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals(Role.SUPERVISOR.authority())
                || g.getAuthority().equals(Role.ADMIN.authority()));
        String own = staff.officeOf(who.getName()).orElse(null);
        if (!wider) {
            if (own == null) {
                throw new org.springframework.security.access.AccessDeniedException("Office staff keep their own office's day only");
            }
            return own;
        }
        return asked == null || asked.isBlank() ? "BOSA" : asked.strip().toUpperCase(Locale.ROOT);
    }

    private static LocalDate parse(String day, LocalDate today) {
        try {
            return day == null || day.isBlank() ? today : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return today;
        }
    }
}
