package org.caseline.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.telephony.AgentPhones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP REGISTER for agents' softphones (RFC 3261 section 10), with digest authentication against
 * the staff account: user name and password, checked through the account's stored digest secret.
 * Nonces are stateless (a time and its HMAC with a key every node reads from the database), good
 * for five minutes, so any node checks the nonce any other node gave.
 * Only Tier 1 and Tier 2 staff take calls, so only they may register.
 */
final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(3600);

    private final StaffAccounts staff;
    private final AgentPhones phones;
    private final Clock clock;
    private final byte[] nonceKey;

    Registrar(StaffAccounts staff, AgentPhones phones, Clock clock) {
        this.staff = staff;
        this.phones = phones;
        this.clock = clock;
        this.nonceKey = phones.nonceKey();
    }

    /** The response to a REGISTER: a challenge, a refusal, or 200 with the bindings now held. */
    Response register(Request request, MessageFactory messages, HeaderFactory headers) throws Exception {
        AuthorizationHeader authorization = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (authorization == null || !StaffAccounts.SIP_REALM.equals(authorization.getRealm())) {
            return challenge(request, messages, headers, false);
        }
        String username = authorization.getUsername();
        if (!freshNonce(authorization.getNonce())) {
            return challenge(request, messages, headers, true);
        }
        Optional<String> secret = username == null ? Optional.empty() : staff.sipDigestSecret(username);
        if (secret.isEmpty() || !digestMatches(request, authorization, secret.get())) {
            log.info("SIP REGISTER refused: wrong user name or password");
            return messages.createResponse(Response.FORBIDDEN, request);
        }
        List<Role> roles = staff.rolesOf(username);
        if (!roles.contains(Role.TIER1) && !roles.contains(Role.TIER2)) {
            Response r = messages.createResponse(Response.FORBIDDEN, request);
            r.setReasonPhrase("Only Tier 1 and Tier 2 staff take calls");
            return r;
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        ExpiresHeader expires = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        if (contact == null) {
            // a query: which bindings are there
            Response ok = messages.createResponse(Response.OK, request);
            Optional<String> bound = phones.contactOf(username);
            if (bound.isPresent()) {
                ok.addHeader(headers.createHeader(ContactHeader.NAME, "<" + bound.get() + ">"));
            }
            return ok;
        }
        int asked = contact.getExpires() >= 0 ? contact.getExpires()
                : expires != null ? expires.getExpires() : (int) DEFAULT_EXPIRY.toSeconds();
        if (contact.isWildCard() || asked == 0) {
            phones.unregister(username);
            log.info("Agent {} signed their phone out", username);
            return messages.createResponse(Response.OK, request);
        }
        if (!(contact.getAddress().getURI() instanceof SipURI uri)) {
            Response r = messages.createResponse(Response.BAD_REQUEST, request);
            r.setReasonPhrase("The Contact must be a sip: URI");
            return r;
        }
        // RFC 3327: the proxies it came through, each as its Path header wrote it (first the nearest us)
        List<String> path = new java.util.ArrayList<>();
        request.getHeaders("Path").forEachRemaining(h -> {
            String value = ((javax.sip.header.Header) h).toString().substring("Path:".length()).strip();
            for (String one : value.split(",\\s*(?=<)")) { // one header may list several
                path.add(one.strip());
            }
        });
        Duration granted = phones.register(username, new AgentPhones.Binding(uri.toString(), path), Duration.ofSeconds(asked));
        log.info("Agent {} signed their phone in for {} s{}", username, granted.toSeconds(),
                path.isEmpty() ? "" : ", reached through " + path.size() + " proxy(ies)");
        Response ok = messages.createResponse(Response.OK, request);
        for (String p : path) {
            ok.addHeader(headers.createHeader("Path", p)); // the registrar says it will use them (RFC 3327 5.3)
        }
        ContactHeader bound = headers.createContactHeader(contact.getAddress());
        bound.setExpires((int) granted.toSeconds());
        ok.addHeader(bound);
        return ok;
    }

    /**
     * RFC 2617 / 8760 digest with MD5: response = MD5(HA1:nonce[:nc:cnonce:qop]:MD5(method:uri)),
     * with the digest-uri exactly as the phone wrote it (the parsed URI may print differently).
     */
    private static boolean digestMatches(Request request, AuthorizationHeader authorization, String ha1) {
        String raw = authorization.toString();
        String uri = parameter(raw, "uri");
        String given = authorization.getResponse();
        if (uri == null || given == null) {
            return false;
        }
        String ha2 = md5(request.getMethod() + ":" + uri);
        String qop = authorization.getQop();
        String expected = qop == null || qop.isBlank()
                ? md5(ha1 + ":" + authorization.getNonce() + ":" + ha2)
                : md5(ha1 + ":" + authorization.getNonce() + ":" + parameter(raw, "nc") + ":" + authorization.getCNonce()
                        + ":" + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** A parameter of the header as written, quoted or not. */
    private static String parameter(String header, String name) {
        var m = java.util.regex.Pattern.compile("[\\s,]" + name + "\\s*=\\s*(\"([^\"]*)\"|([^,\\s]+))",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(header);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : null;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response challenge(Request request, MessageFactory messages, HeaderFactory headers, boolean stale) throws Exception {
        Response r = messages.createResponse(Response.UNAUTHORIZED, request);
        WWWAuthenticateHeader www = headers.createWWWAuthenticateHeader("Digest");
        www.setRealm(StaffAccounts.SIP_REALM);
        www.setNonce(nonce());
        www.setAlgorithm("MD5");
        www.setQop("auth");
        if (stale) {
            www.setStale(true);
        }
        r.setHeader(www);
        return r;
    }

    private String nonce() {
        String time = Long.toHexString(clock.millis());
        return time + "." + sign(time);
    }

    private boolean freshNonce(String nonce) {
        if (nonce == null) {
            return false;
        }
        int dot = nonce.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String time = nonce.substring(0, dot);
        if (!MessageDigest.isEqual(sign(time).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            long age = clock.millis() - Long.parseLong(time, 16);
            return age >= 0 && age <= NONCE_LIFETIME.toMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(nonceKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
