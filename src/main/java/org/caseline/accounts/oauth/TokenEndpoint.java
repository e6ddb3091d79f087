package org.caseline.accounts.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseline.accounts.ApiClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 §4.4), at the standard {@code /oauth2/token}
 * and at the agency's own {@code /oauth/accesstoken}, whose answer carries the agency's extra
 * fields (string {@code expires_in}, {@code issued_at}, {@code status: "approved"}, ...).
 * Clients authenticate with HTTP Basic or with {@code client_id}/{@code client_secret} form fields.
 */
@RestController
class TokenEndpoint {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final ApiClients clients;
    private final AccessTokens.Issuer issuer;

    TokenEndpoint(ApiClients clients, AccessTokens.Issuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> standard(@RequestBody(required = false) MultiValueMap<String, String> form,
                                                 @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return grant(form, authorization, false);
    }

    @PostMapping(path = "/oauth/accesstoken", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> agency(@RequestBody(required = false) MultiValueMap<String, String> form,
                                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return grant(form, authorization, true);
    }

    private ResponseEntity<Map<String, Object>> grant(MultiValueMap<String, String> form, String authorization,
                                                      boolean agencyShape) {
        Map<String, String> fields = single(form);
        if (fields == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "Each parameter may be sent only once.", false);
        }
        String grantType = fields.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is required.", false);
        }
        if (!"client_credentials".equals(grantType)) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "Only the client_credentials grant is supported.", false);
        }
        Optional<String[]> basic = basicCredentials(authorization);
        if (authorization != null && basic.isEmpty() && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "The Authorization header is malformed.", true);
        }
        String clientId = basic.map(c -> c[0]).orElse(fields.get("client_id"));
        String secret = basic.map(c -> c[1]).orElse(fields.get("client_secret"));
        if (clientId == null || clientId.isBlank() || secret == null || secret.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Client credentials are required.", basic.isPresent());
        }
        if (clientId.length() > 200 || secret.length() > 500) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Client credentials are invalid.", basic.isPresent());
        }
        var client = clients.authenticate(clientId, secret);
        if (client.isEmpty()) {
            log.info("Token refused: bad credentials for client id of length {}", clientId.length());
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Client credentials are invalid.", basic.isPresent());
        }
        Set<String> allowed = client.get().scopes();
        Set<String> scopes = new LinkedHashSet<>(allowed);
        String requested = fields.get("scope");
        if (requested != null && !requested.isBlank()) {
            Set<String> wanted = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
            if (!allowed.containsAll(wanted)) {
                return error(HttpStatus.BAD_REQUEST, "invalid_scope",
                        "The client may not ask for scope " + wanted.stream().filter(s -> !allowed.contains(s)).toList() + ".", false);
            }
            scopes = wanted;
        }
        var token = issuer.issue(client.get().clientId(), scopes);
        Map<String, Object> body = new LinkedHashMap<>();
        if (agencyShape) {
            body.put("refresh_token_expires_in", "0");
            body.put("api_product_list", "[" + String.join(", ", scopes) + "]");
            body.put("api_product_list_json", scopes);
            body.put("organization_name", "caseline");
            body.put("token_type", "Bearer");
            body.put("issued_at", Long.toString(token.issuedAt().toEpochMilli()));
            body.put("client_id", client.get().clientId());
            body.put("access_token", token.value());
            body.put("application_name", client.get().name());
            body.put("scope", String.join(" ", scopes));
            body.put("expires_in", Long.toString(token.lifetime().toSeconds()));
            body.put("refresh_count", "0");
            body.put("status", "approved");
        } else {
            body.put("access_token", token.value());
            body.put("token_type", "Bearer");
            body.put("expires_in", token.lifetime().toSeconds());
            body.put("scope", String.join(" ", scopes));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }

    private static Map<String, String> single(MultiValueMap<String, String> form) {
        Map<String, String> result = new LinkedHashMap<>();
        if (form == null) {
            return result;
        }
        for (var entry : form.entrySet()) {
            if (entry.getValue().size() > 1) {
                return null;
            }
            result.put(entry.getKey(), entry.getValue().getFirst());
        }
        return result;
    }

    private static Optional<String[]> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {
                    java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String description,
                                                             boolean basicChallenge) {
        var response = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
        if (basicChallenge) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"caseline\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return response.body(body);
    }
}
