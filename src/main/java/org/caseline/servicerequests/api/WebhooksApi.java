package org.caseline.servicerequests.api;

import java.util.Locale;
import java.util.Map;

import org.caseline.servicerequests.webhook.OfficeWebhooks;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An office's webhook (administrators): set it, see it (never its secret), and its delivery log. */
@RestController
class WebhooksApi {

    record HookBody(String url, String secret, Boolean enabled) {
    }

    private final OfficeWebhooks hooks;

    WebhooksApi(OfficeWebhooks hooks) {
        this.hooks = hooks;
    }

    @PutMapping("/api/offices/{code}/webhook")
    ResponseEntity<?> set(@PathVariable String code, @RequestBody(required = false) HookBody body, Authentication who) {
        if (body == null) {
            return ResponseEntity.unprocessableContent().body(Map.of("code", "body", "message", "The request needs a JSON body: url, secret"));
        }
        try {
            return ResponseEntity.ok(hooks.set(code.toUpperCase(Locale.ROOT), body.url(), body.secret(),
                    body.enabled() == null || body.enabled(), who.getName()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.unprocessableContent().body(Map.of("code", "webhook", "message", e.getMessage()));
        }
    }

    @GetMapping("/api/offices/{code}/webhook")
    ResponseEntity<?> get(@PathVariable String code) {
        return hooks.hook(code.toUpperCase(Locale.ROOT)).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElse(ResponseEntity.status(404).body(Map.of("code", "no-webhook", "message", "Office " + code + " has no webhook")));
    }

    @GetMapping("/api/offices/{code}/webhook/deliveries")
    Object deliveries(@PathVariable String code) {
        return Map.of("office", code.toUpperCase(Locale.ROOT), "deliveries", hooks.deliveries(code.toUpperCase(Locale.ROOT), 100));
    }
}
