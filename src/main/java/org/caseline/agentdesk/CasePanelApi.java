package org.caseline.agentdesk;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.caseline.accounts.Role;
import org.caseline.accounts.SecureMessages;
import org.caseline.accounts.StaffAccounts;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.CaseStatusView;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.StaffCaseReads;
import org.caseline.routing.InteractionState;
import org.caseline.routing.Router;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case panel of the contact in hand. What it shows depends on who asks: a Tier 1
 * representative sees the public status only; a Tier 2 officer sees the full details and history
 * once the caller's identity is verified. Only the agent handling the contact may look, and every
 * look is audited with the interaction as its purpose.
 */
@RestController
class CasePanelApi {

    private final Router router;
    private final StaffCaseReads reads;
    private final CaseStatusService cases;
    private final StaffAccounts staff;

    private final SecureMessages secure;

    CasePanelApi(Router router, StaffCaseReads reads, CaseStatusService cases, StaffAccounts staff, SecureMessages secure) {
        this.secure = secure;
        this.router = router;
        this.reads = reads;
        this.cases = cases;
        this.staff = staff;
    }

    record Verification(String method) {
    }

    @GetMapping("/api/agents/me/interactions/{id}/case")
    ResponseEntity<Map<String, Object>> casePanel(Principal me, @PathVariable UUID id) {
        Router.Interaction interaction = router.interaction(id).orElse(null);
        if (interaction == null || !me.getName().equals(interaction.agent())
                || !List.of(InteractionState.CONNECTED, InteractionState.WRAP_UP).contains(interaction.state())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(Map.of("message", "Only the agent handling this contact may see its case"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        String raw = interaction.attributes().get("receipt");
        boolean verified = "true".equals(interaction.attributes().get("verified"));
        if ("secure-message".equals(interaction.attributes().get("kind"))) {
            // the holder signed in to write, about a case linked to their account: who they are is known
            raw = secure.forStaff(UUID.fromString(interaction.attributes().get("thread"))).map(SecureMessages.Thread::receiptNumber).orElse(null);
            verified = raw != null;
        }
        if (raw == null || raw.isBlank()) {
            body.put("level", "none");
            body.put("message", "MESSAGE".equals(interaction.channel()) ? "The message is about no case" : "The caller keyed no receipt number");
            return ResponseEntity.ok(body);
        }
        ReceiptNumber receipt;
        try {
            receipt = cases.parseReceipt(raw);
        } catch (InvalidReceiptNumberException e) {
            body.put("level", "none");
            body.put("message", "The receipt number keyed is not valid: " + raw);
            return ResponseEntity.ok(body);
        }
        boolean officer = staff.rolesOf(me.getName()).contains(Role.TIER2);
        String purpose = "interaction " + id;
        Locale locale = LocaleContextHolder.getLocale();
        body.put("receiptNumber", receipt.value());
        body.put("verified", verified);
        if (officer && verified) {
            var details = reads.fullDetails(receipt, me.getName(), purpose);
            if (details.isEmpty()) {
                body.put("level", "none");
                body.put("message", "No case has this receipt number");
                return ResponseEntity.ok(body);
            }
            body.put("level", "full");
            describe(body, details.get().view(), locale);
            body.put("applicantReference", details.get().applicantReference());
            body.put("office", details.get().view().office().name().in(locale));
            body.put("receivedDate", details.get().view().receivedDate().toString());
            body.put("sentToDepartmentOfState", details.get().view().sentToDepartmentOfState());
            body.put("history", details.get().view().history().stream().map(h -> Map.of(
                    "status", h.status().title().in(locale), "date", details.get().view().dateOf(h).toString())).toList());
            return ResponseEntity.ok(body);
        }
        var view = reads.publicStatus(receipt, me.getName(), purpose);
        if (view.isEmpty()) {
            body.put("level", "none");
            body.put("message", "No case has this receipt number");
            return ResponseEntity.ok(body);
        }
        body.put("level", "public");
        body.put("why", officer ? "Verify the caller's identity to see the case's full details"
                : "Tier 1 sees the public status only; escalate to Tier 2 for case-specific help");
        describe(body, view.get(), locale);
        return ResponseEntity.ok(body);
    }

    @PostMapping("/api/agents/me/interactions/{id}/verify")
    Router.Interaction verify(Principal me, @PathVariable UUID id, @RequestBody(required = false) Verification verification) {
        String method = verification == null || verification.method() == null || verification.method().isBlank()
                ? "security questions" : verification.method().strip();
        if (method.length() > 200) {
            throw new Router.InvalidRequestException("The verification method is too long (200 characters at most)");
        }
        return router.verified(me.getName(), id, method);
    }

    private static void describe(Map<String, Object> body, CaseStatusView view, Locale locale) {
        body.put("form", view.form().number());
        body.put("title", view.title(locale));
        body.put("description", view.description(locale));
        body.put("statusDate", view.statusDate().toString());
    }
}
