package org.caseline.accounts.security;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit of sign-ins (administrators): failures, refusals for too many, the success that ended a run. */
@RestController
class SignInAuditApi {

    private final SignInThrottle throttle;

    SignInAuditApi(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @GetMapping("/api/audit/sign-ins")
    Map<String, Object> attempts(@RequestParam(required = false) String username, @RequestParam(defaultValue = "100") int limit) {
        return Map.of("attempts", throttle.audit(username, Math.max(1, Math.min(limit, 1000))));
    }
}
