package org.caseline.accounts.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens: short-lived JWTs signed with one HMAC key kept in the database, so a restart
 * keeps tokens valid and every node accepts every other node's tokens without a network call.
 */
@Configuration(proxyBeanMethods = false)
public class AccessTokens {

    static final String ISSUER = "caseline";

    public record Issued(String value, Instant issuedAt, Duration lifetime, Set<String> scopes) {
    }

    @Bean
    SecretKey tokenSigningKey(JdbcClient jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into token_signing_key (id, secret) values (1, ?) on conflict (id) do nothing")
                .param(fresh).update();
        byte[] secret = jdbc.sql("select secret from token_signing_key where id = 1").query(byte[].class).single();
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey tokenSigningKey, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
        var timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        decoder.setJwtValidator(timestamps);
        return decoder;
    }

    /** How the security chains turn a bearer token into who is calling (see {@link RememberedBearers}). */
    @Bean
    public RememberedBearers bearerAuthentication(JwtDecoder jwtDecoder, Clock clock) {
        return new RememberedBearers(new JwtAuthenticationProvider(jwtDecoder), clock);
    }

    /**
     * A client sends the same token with every call for half an hour: its signature is checked and
     * its scopes are turned into authorities once, and the resulting authentication is reused
     * (the case status API's hot path spent a visible share of its time rebuilding it). A
     * remembered token is still refused the moment it expires.
     */
    public static final class RememberedBearers implements AuthenticationManager {
        private final AuthenticationProvider provider;
        private final Clock clock;
        private final Cache<String, Authentication> verified = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(5))
                .build();

        RememberedBearers(AuthenticationProvider provider, Clock clock) {
            this.provider = provider;
            this.clock = clock;
        }

        @Override
        public Authentication authenticate(Authentication request) {
            String token = ((BearerTokenAuthenticationToken) request).getToken();
            Authentication known = verified.getIfPresent(token);
            if (known != null && known.getCredentials() instanceof Jwt jwt
                    && jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
                return known;
            }
            Authentication fresh = provider.authenticate(request);
            verified.put(token, fresh);
            return fresh;
        }
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(tokenSigningKey));
    }

    @Bean
    Issuer accessTokenIssuer(JwtEncoder encoder, Clock clock,
                             @Value("${caseline.tokens.lifetime:30m}") Duration lifetime) {
        return new Issuer(encoder, clock, lifetime);
    }

    /** Mints a token for an authenticated client. */
    public static final class Issuer {
        private final JwtEncoder encoder;
        private final Clock clock;
        private final Duration lifetime;

        Issuer(JwtEncoder encoder, Clock clock, Duration lifetime) {
            this.encoder = encoder;
            this.clock = clock;
            this.lifetime = lifetime;
        }

        public Issued issue(String clientId, Set<String> scopes) {
            Instant now = clock.instant();
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer(ISSUER)
                    .subject(clientId)
                    .issuedAt(now)
                    .expiresAt(now.plus(lifetime))
                    .id(UUID.randomUUID().toString())
                    .claim("scope", String.join(" ", scopes))
                    .build();
            String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                    .getTokenValue();
            return new Issued(token, now, lifetime, scopes);
        }
    }
}
