package org.caseline.accounts;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the staff landing page. */
@Controller
class StaffPages {

    private final StaffAccounts staff;

    StaffPages(StaffAccounts staff) {
        this.staff = staff;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/staff")
    String home(Principal principal, Model model) {
        model.addAttribute("name", principal.getName());
        model.addAttribute("roles", staff.rolesOf(principal.getName()));
        return "staff";
    }
}
