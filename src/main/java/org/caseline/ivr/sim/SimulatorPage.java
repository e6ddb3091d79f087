package org.caseline.ivr.sim;

import org.caseline.ivr.Lines;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The web phone for staff: pick a line, press keys, read (and hear) each prompt, watch the path. */
@Controller
class SimulatorPage {

    private final Lines lines;

    SimulatorPage(Lines lines) {
        this.lines = lines;
    }

    @GetMapping("/staff/phone")
    String phone(Model model) {
        model.addAttribute("lines", lines.lines());
        return "staff-phone";
    }
}
