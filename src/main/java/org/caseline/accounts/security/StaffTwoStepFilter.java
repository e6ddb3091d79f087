package org.caseline.accounts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After the password, before anything else on staff pages and APIs: an account with two-step
 * verification goes to the code page until this session passed it, one that must set it up goes
 * to the set-up page; HTTP Basic is refused for either. Public pages and tokens are not its business.
 */
class StaffTwoStepFilter extends OncePerRequestFilter {

    /** What the second step guards: staff pages, their live updates, the APIs and the admin endpoints. */
    private static final List<String> GUARDED = List.of("/staff", "/ws/", "/api/", "/actuator");
    /** Where a half-signed-in member of staff may go. */
    private static final Set<String> OPEN = Set.of("/staff/two-step", "/staff/two-step/passkey/options", "/staff/two-step/passkey");

    private final StaffTwoStep twoStep;

    StaffTwoStepFilter(StaffTwoStep twoStep) {
        this.twoStep = twoStep;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getServletPath();
        if (!(who instanceof UsernamePasswordAuthenticationToken) || !who.isAuthenticated() || OPEN.contains(path)
                || GUARDED.stream().noneMatch(path::startsWith)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null && who.getName().equals(session.getAttribute(StaffTwoStep.PASSED))) {
            chain.doFilter(request, response);
            return;
        }
        StaffTwoStep.Need need = twoStep.need(who.getName(), who.getAuthorities());
        if (need == StaffTwoStep.Need.NOTHING) {
            if (session != null) {
                // nothing to pass for this sign-in: the session need not ask again on every request
                session.setAttribute(StaffTwoStep.PASSED, who.getName());
            }
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        boolean api = request.getServletPath().startsWith("/api/") || (header != null && header.regionMatches(true, 0, "Basic ", 0, 6));
        if (api) {
            response.setStatus(401);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"code\":\"two-step\",\"message\":\"This account signs in in two steps: "
                    + (need == StaffTwoStep.Need.CODE ? "sign in on /login with the code from your app" : "set up two-step verification on /staff/two-step")
                    + ", or use an API client's token. HTTP Basic cannot carry the second step.\"}");
            return;
        }
        response.sendRedirect(need == StaffTwoStep.Need.CODE ? "/login/code" : "/staff/two-step");
    }
}
