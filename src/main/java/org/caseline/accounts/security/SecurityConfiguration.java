package org.caseline.accounts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.ApiClients;
import org.caseline.accounts.Role;
import org.caseline.accounts.oauth.AccessTokens;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.jdbc.JdbcDaoImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Four chains, most specific first:
 * <ol>
 * <li>the token endpoints, open (the endpoint authenticates the client itself);</li>
 * <li>the public case status API, bearer tokens with the {@code case-status} scope, answered
 * with the agency's error bodies;</li>
 * <li>the staff and integration API under {@code /api}, HTTP Basic, bearer tokens or a signed-in
 * session;</li>
 * <li>pages: public pages open, staff pages behind the sign-in form.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Registering for an outreach event, cancelling with one's own link, ordering a form: anyone, with no session to forge. */
    private static final RequestMatcher PUBLIC_REGISTRATIONS = request -> request.getRequestURI() != null
            && request.getRequestURI().matches("/api/events/[^/]+/registrations(/[^/]+)?|/api/forms/[^/]+/orders|/api/contact-messages"
                    // the assistant and live chat: no session; a chat is reached with its own token, sent as a header
                    + "|/api/assistant/ask|/api/assistant/turns/[^/]+/feedback|/api/chats(/.*)?");
    private static final RequestMatcher HAS_AUTHORIZATION_HEADER =
            request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;

    /** Sign-in successes and failures as events: the throttle counts them. */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        return new DefaultAuthenticationEventPublisher(events);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService staffUserDetails(DataSource dataSource) {
        var users = new JdbcDaoImpl();
        users.setDataSource(dataSource);
        users.setUsersByUsernameQuery("select username, password_hash, enabled from staff_user where username = ?");
        users.setAuthoritiesByUsernameQuery("select username, 'ROLE_' || role from staff_role where username = ?");
        return users;
    }

    @Bean
    @Order(1)
    SecurityFilterChain tokenEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/oauth2/token", "/oauth/accesstoken")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain caseStatusApi(HttpSecurity http, AccessTokens.RememberedBearers bearers) throws Exception {
        return http.securityMatcher("/case-status/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority("SCOPE_" + ApiClients.CASE_STATUS_SCOPE))
                // only a bearer token gets in here: no anonymous caller to build for every request
                .anonymous(a -> a.disable())
                .oauth2ResourceServer(o -> o.jwt(j -> j.authenticationManager(bearers))
                        .authenticationEntryPoint((req, res, e) -> agencyError(res, HttpStatus.UNAUTHORIZED,
                                "Invalid or missing access token. Get a token at /oauth/accesstoken."))
                        .accessDeniedHandler((req, res, e) -> agencyError(res, HttpStatus.FORBIDDEN,
                                "This client may not call the case status API.")))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> agencyError(res,
                        HttpStatus.UNAUTHORIZED, "Invalid or missing access token. Get a token at /oauth/accesstoken.")))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .build();
    }

    /**
     * Applicants' accounts ({@code /api/account}): their own session, in two steps (the password,
     * then the second factor), and CSRF as for any browser client: the token comes in the
     * {@code XSRF-TOKEN} cookie (or from {@code GET /api/account/csrf}) and goes back in the
     * {@code X-XSRF-TOKEN} header.
     */
    @Bean
    @Order(3)
    SecurityFilterChain applicantApi(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/account/**", "/account", "/account/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/account/sign-up", "/api/account/verify-email", "/api/account/sign-in",
                                "/api/account/csrf", "/api/account/password-reset", "/api/account/password-reset/confirm",
                                "/account/sign-up", "/account/verify", "/account/sign-in", "/account/reset").permitAll()
                        .requestMatchers("/api/account/totp", "/api/account/second-factor", "/api/account/second-factor/passkey",
                                "/api/account/passkey-challenge", "/api/account/passkeys/options", "/api/account/sign-out", "/api/account/me",
                                "/account/two-step", "/account/two-step/**", "/account/sign-out")
                                .hasAnyAuthority(APPLICANT_PENDING, "ROLE_APPLICANT")
                        // making a passkey half signed in is enrolment: the API refuses it to an account that has a second step
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/account/passkeys")
                                .hasAnyAuthority(APPLICANT_PENDING, "ROLE_APPLICANT")
                        .anyRequest().hasAuthority("ROLE_APPLICANT"))
                .csrf(c -> c.csrfTokenRepository(org.springframework.security.web.csrf.CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler()))
                // the API answers in JSON; the pages send a visitor to sign in (or to the second step)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            if (request.getRequestURI().startsWith("/api/")) {
                                agencyJson(response, 401, "Sign in first.");
                            } else {
                                response.sendRedirect("/account/sign-in");
                            }
                        }).accessDeniedHandler((request, response, ex) -> {
                            if (request.getRequestURI().startsWith("/api/")) {
                                agencyJson(response, 403, "Not allowed: finish signing in (the second step), or send the CSRF token in X-XSRF-TOKEN.");
                            } else {
                                response.sendRedirect("/account/two-step");
                            }
                        }))
                .requestCache(r -> r.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    /** What pages may load: only our own scripts, styles and images (and data: images, the QR code's fallback). */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    /** Signed in with a password, the second step still to come. */
    static final String APPLICANT_PENDING = "APPLICANT_PENDING";

    private static void agencyJson(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"code\":\"" + status + "\",\"message\":\"" + message + "\"}");
    }

    @Bean
    @Order(4)
    SecurityFilterChain staffApi(HttpSecurity http, SignInThrottle throttle, StaffTwoStep twoStep,
                                 AccessTokens.RememberedBearers bearers) throws Exception {
        return http.securityMatcher("/api/**")
                .addFilterBefore(new SignInThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterBefore(new StaffTwoStepFilter(twoStep), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/offices/*/webhook", "/api/offices/*/webhook/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/api/offices/*/service-requests").hasAnyAuthority(Role.OFFICE.authority(),
                                Role.SUPERVISOR.authority(), Role.ADMIN.authority())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/service-requests/types",
                                "/api/service-requests/*/status").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/service-requests", "/api/service-requests/check").hasAnyAuthority(
                                Role.TIER1.authority(), Role.TIER2.authority())
                        .requestMatchers("/api/service-requests/**").hasAnyAuthority(Role.TIER1.authority(), Role.TIER2.authority(),
                                Role.OFFICE.authority(), Role.SUPERVISOR.authority(), Role.ADMIN.authority())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/offices", "/api/offices/**",
                                "/api/filing-addresses", "/api/forms", "/api/forms/**", "/api/civil-surgeons", "/api/legal-help", "/api/news", "/api/events", "/api/events.ics", "/api/events/**").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/events/*/registrations", "/api/forms/*/orders",
                                "/api/contact-messages").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/contact-messages/topics").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/assistant/ask", "/api/assistant/turns/*/feedback").permitAll()
                        .requestMatchers("/api/chats", "/api/chats/*", "/api/chats/*/**").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/analytics/staffing",
                                "/api/analytics/best-time-to-call").permitAll()
                        .requestMatchers("/api/analytics/**").hasAnyAuthority(Role.ADMIN.authority(), Role.SUPERVISOR.authority())
                        .requestMatchers("/api/assistant/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers(org.springframework.http.HttpMethod.DELETE, "/api/events/*/registrations/*").permitAll()
                        .requestMatchers("/api/cases/**").hasAnyAuthority(Role.ADMIN.authority(),
                                "SCOPE_" + ApiClients.CASES_WRITE_SCOPE)
                        .requestMatchers("/api/ivr/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/api/directory/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/contacts/*").hasAnyAuthority(Role.TIER1.authority(),
                                Role.TIER2.authority(), Role.SUPERVISOR.authority(), Role.ADMIN.authority())
                        .requestMatchers("/api/agents/me", "/api/agents/me/**").hasAnyAuthority(Role.TIER1.authority(),
                                Role.TIER2.authority())
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/appointment-requests").hasAnyAuthority(Role.TIER1.authority(),
                                Role.TIER2.authority())
                        .requestMatchers("/api/appointments/blackouts", "/api/appointments/slots").hasAnyAuthority(Role.OFFICE.authority(),
                                Role.SUPERVISOR.authority(), Role.ADMIN.authority())
                        .requestMatchers("/api/appointments/day", "/api/appointments/*/check-in", "/api/appointments/*/no-show").hasAnyAuthority(
                                Role.OFFICE.authority(), Role.SUPERVISOR.authority(), Role.ADMIN.authority(), Role.TIER2.authority())
                        .requestMatchers("/api/appointments", "/api/appointments/**").hasAnyAuthority(Role.ADMIN.authority(), Role.TIER2.authority())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/canned-replies").hasAnyAuthority(Role.ADMIN.authority(),
                                Role.SUPERVISOR.authority(), Role.TIER1.authority(), Role.TIER2.authority())
                        .requestMatchers("/api/canned-replies", "/api/canned-replies/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/api/audit/**", "/api/event-publications/**", "/api/mail/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/api/agents", "/api/agents/**", "/api/interactions/**", "/api/callbacks", "/api/queues/written/**")
                                .hasAnyAuthority(Role.ADMIN.authority(), Role.SUPERVISOR.authority())
                        .requestMatchers("/api/queues").hasAnyAuthority(Role.ADMIN.authority(), Role.SUPERVISOR.authority(),
                                Role.TIER1.authority(), Role.TIER2.authority())
                        .anyRequest().authenticated())
                .httpBasic(b -> b.realmName("caseline"))
                .oauth2ResourceServer(o -> o.jwt(j -> j.authenticationManager(bearers)))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                // Basic and bearer callers send credentials with every request: no CSRF exposure.
                .csrf(c -> c.ignoringRequestMatchers(HAS_AUTHORIZATION_HEADER, PUBLIC_REGISTRATIONS))
                .requestCache(r -> r.disable())
                .build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain pages(HttpSecurity http, SignInThrottle throttle, StaffTwoStep twoStep) throws Exception {
        return http
                .addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new StaffTwoStepFilter(twoStep), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/check-case-status", "/find-an-office", "/where-to-file", "/service-requests", "/service-requests/status", "/contact", "/best-time-to-call", "/news.atom", "/events", "/events/**", "/login", "/error", "/favicon.ico",
                                "/uswds/**", "/vendor/**", "/css/**", "/js/**", "/img/**", "/ws/chats/*").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/staff/flows/**", "/staff/assistant").hasRole(Role.ADMIN.name())
                        .requestMatchers("/staff/directory", "/staff/directory/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/staff/office", "/staff/office/**").hasAnyRole(Role.OFFICE.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .requestMatchers("/staff/desk", "/ws/desk").hasAnyRole(Role.TIER1.name(), Role.TIER2.name())
                        .requestMatchers("/staff/wallboard", "/ws/wallboard", "/staff/reports", "/staff/staffing")
                                .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/staff", false).permitAll())
                .httpBasic(b -> b.realmName("caseline"))
                .logout(l -> l.logoutSuccessUrl("/"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    private static void agencyError(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\n  \"code\" : \"" + status.value() + "\",\n  \"message\" : \"" + message + "\"\n}");
    }

}
