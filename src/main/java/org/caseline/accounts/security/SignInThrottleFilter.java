package org.caseline.accounts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a password is checked (the sign-in form, or HTTP Basic on any request): refuse it while
 * its account or address is throttled. The form goes back to the sign-in page with how long to
 * wait; an API caller gets 429 with Retry-After and the same words.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
        Optional<String> username = form ? Optional.ofNullable(request.getParameter("username")) : basicUser(request);
        if (username.isPresent() && !username.get().isBlank()) {
            Optional<Duration> wait = throttle.refused(username.get(), request.getRemoteAddr());
            if (wait.isPresent()) {
                long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
                if (form) {
                    response.sendRedirect(request.getContextPath() + "/login?throttled=" + minutes);
                } else {
                    response.setStatus(429);
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.get().toSeconds())));
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("{\"code\":\"429\",\"message\":\"Too many failed sign-ins for this account or from this address. Try again in "
                            + minutes + (minutes == 1 ? " minute" : " minutes") + ".\"}");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not Base64: Basic authentication refuses it by itself
        }
    }
}
