package org.caseline.accounts.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.caseline.accounts.Applicants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys (WebAuthn) as the second step of signing in, or instead of the authenticator app:
 * Spring Security's relying party (webauthn4j underneath) checks every signature, challenge and
 * origin; passkeys are kept in its JDBC tables, named by the account's id.
 * <p>
 * The origin a passkey answers for is the site's public address ({@code caseline.public-url}),
 * and, for a browser on this machine, {@code localhost} on the port it came to: a page served
 * anywhere else cannot use a passkey made here.
 */
@Component
public class Passkeys {

    /** A passkey as its holder sees it. */
    public record Passkey(String id, String label, Instant created, Instant lastUsed) {
    }

    private static final String CHALLENGE = "caseline.passkey.creation";
    private static final String REQUEST = "caseline.passkey.request";

    private final JdbcPublicKeyCredentialUserEntityRepository users;
    private final JdbcUserCredentialRepository credentials;
    private final URI site;
    private final Map<String, Webauthn4JRelyingPartyOperations> byOrigin = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

    Passkeys(JdbcTemplate jdbc, @Value("${caseline.public-url:http://localhost:8080}") String site) {
        this.users = new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
        this.credentials = new JdbcUserCredentialRepository(jdbc);
        this.site = URI.create(site);
    }

    /** The options for the browser to make a passkey for the account (WebAuthn's JSON), remembered for {@link #register}. */
    public String creationOptions(Applicants.Account account, HttpServletRequest request) {
        return creationOptions(account.id().toString(), account.email(), request);
    }

    /**
     * The same for any owner: an applicant is named by their account's id, a member of staff by
     * {@code staff:} and their user name; {@code displayName} is what the authenticator shows.
     */
    public String creationOptions(String owner, String displayName, HttpServletRequest request) {
        if (users.findByUsername(owner) == null) {
            users.save(ImmutablePublicKeyCredentialUserEntity.builder().name(owner).id(Bytes.random()).displayName(displayName).build());
        }
        PublicKeyCredentialCreationOptions options = operations(request).createPublicKeyCredentialCreationOptions(
                new ImmutablePublicKeyCredentialCreationOptionsRequest(as(owner)));
        // the options are not serializable (sessions are kept in the database): the challenge is what must be the same
        request.getSession().setAttribute(CHALLENGE, options.getChallenge());
        return json.writeValueAsString(options);
    }

    /** Keeps the passkey the browser made (its {@code credential}, as {@code PublicKeyCredential.toJSON()} gives it, and a {@code label}). */
    public void register(UUID id, String body, HttpServletRequest request) {
        register(id.toString(), body, request);
    }

    public void register(String owner, String body, HttpServletRequest request) {
        Object challenge = request.getSession().getAttribute(CHALLENGE);
        if (!(challenge instanceof Bytes saved)) {
            throw new Applicants.Refused(400, "passkey-options", "Ask for the passkey options first (POST /api/account/passkeys/options).");
        }
        request.getSession().removeAttribute(CHALLENGE);
        RelyingPartyPublicKey key;
        try {
            key = json.readValue(body == null ? "" : body, RelyingPartyPublicKey.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new Applicants.Refused(422, "passkey", "Send the passkey as the browser made it: {\"credential\": ..., \"label\": ...}.");
        }
        if (key.getCredential() == null) {
            throw new Applicants.Refused(422, "passkey", "Send the passkey as the browser made it: {\"credential\": ..., \"label\": ...}.");
        }
        Webauthn4JRelyingPartyOperations operations = operations(request);
        PublicKeyCredentialCreationOptions fresh = operations.createPublicKeyCredentialCreationOptions(
                new ImmutablePublicKeyCredentialCreationOptionsRequest(as(owner)));
        PublicKeyCredentialCreationOptions asked = PublicKeyCredentialCreationOptions.builder().rp(fresh.getRp()).user(fresh.getUser())
                .challenge(saved).pubKeyCredParams(fresh.getPubKeyCredParams()).timeout(fresh.getTimeout())
                .excludeCredentials(fresh.getExcludeCredentials()).authenticatorSelection(fresh.getAuthenticatorSelection())
                .attestation(fresh.getAttestation()).extensions(fresh.getExtensions()).build();
        String label = key.getLabel() == null || key.getLabel().isBlank() ? "Passkey" : key.getLabel().strip();
        try {
            operations.registerCredential(new ImmutableRelyingPartyRegistrationRequest(asked,
                    new RelyingPartyPublicKey(key.getCredential(), label.length() > 100 ? label.substring(0, 100) : label)));
        } catch (RuntimeException e) {
            throw new Applicants.Refused(422, "passkey", "This passkey could not be checked: make it again on this site.");
        }
    }

    /** The options for the browser to sign with one of the account's passkeys, remembered for {@link #verify}. */
    public String requestOptions(UUID id, HttpServletRequest request) {
        return requestOptions(id.toString(), request);
    }

    public String requestOptions(String owner, HttpServletRequest request) {
        if (!has(owner)) {
            throw new Applicants.Refused(404, "no-passkey", "This account has no passkey. Use the code from your app or a backup code.");
        }
        PublicKeyCredentialRequestOptions options = operations(request).createCredentialRequestOptions(
                new ImmutablePublicKeyCredentialRequestOptionsRequest(as(owner)));
        request.getSession().setAttribute(REQUEST, options);
        return json.writeValueAsString(options);
    }

    /** Whether the browser's answer ({@code PublicKeyCredential.toJSON()}) was signed by one of this account's passkeys. */
    public boolean verify(UUID id, String body, HttpServletRequest request) {
        return verify(id.toString(), body, request);
    }

    public boolean verify(String owner, String body, HttpServletRequest request) {
        Object asked = request.getSession().getAttribute(REQUEST);
        if (!(asked instanceof PublicKeyCredentialRequestOptions options)) {
            return false;
        }
        request.getSession().removeAttribute(REQUEST);
        try {
            PublicKeyCredential<AuthenticatorAssertionResponse> answer = json.readValue(body, new TypeReference<>() { });
            PublicKeyCredentialUserEntity user = operations(request).authenticate(new RelyingPartyAuthenticationRequest(options, answer));
            return user != null && user.getName().equals(owner);
        } catch (RuntimeException e) {
            return false; // a malformed answer, a wrong signature, another site's: all one "no"
        }
    }

    public boolean has(UUID id) {
        return has(id.toString());
    }

    public boolean has(String owner) {
        return !list(owner).isEmpty();
    }

    public List<Passkey> list(UUID id) {
        return list(id.toString());
    }

    public List<Passkey> list(String owner) {
        PublicKeyCredentialUserEntity user = users.findByUsername(owner);
        if (user == null) {
            return List.of();
        }
        return credentials.findByUserId(user.getId()).stream()
                .map(c -> new Passkey(c.getCredentialId().toBase64UrlString(), c.getLabel(), c.getCreated(), c.getLastUsed())).toList();
    }

    public void delete(UUID id, String passkeyId) {
        if (list(id).stream().noneMatch(p -> p.id().equals(passkeyId))) {
            throw new Applicants.Refused(404, "no-passkey", "No passkey of yours has that id.");
        }
        credentials.delete(Bytes.fromBase64(passkeyId));
    }

    /** All of an account's passkeys go with it. */
    public void forget(UUID id) {
        PublicKeyCredentialUserEntity user = users.findByUsername(id.toString());
        if (user != null) {
            credentials.findByUserId(user.getId()).stream().map(CredentialRecord::getCredentialId).forEach(credentials::delete);
            users.delete(user.getId());
        }
    }

    private static Authentication as(String owner) {
        return new UsernamePasswordAuthenticationToken(owner, null, List.of());
    }

    /** The relying party for the origin the request came to, if passkeys may be used there. */
    private Webauthn4JRelyingPartyOperations operations(HttpServletRequest request) {
        String origin = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        String publicOrigin = site.getScheme() + "://" + site.getAuthority();
        if (!origin.equals(publicOrigin) && !request.getServerName().equals("localhost")) {
            throw new Applicants.Refused(400, "passkey-site", "Passkeys work on " + publicOrigin + " only.");
        }
        return byOrigin.computeIfAbsent(origin, o -> new Webauthn4JRelyingPartyOperations(users, credentials,
                PublicKeyCredentialRpEntity.builder().id(URI.create(o).getHost()).name("CaseLine").build(), Set.of(o)));
    }
}
