package com.verity.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * One filter chain for the REST API and the pages, deny by default: every request needs the access
 * its {@link AccessPolicy} rule names, and a request no rule names is refused. Callers prove who
 * they are with an API key (Bearer), HTTP Basic, or a session from the sign-in form or single
 * sign-on; the API answers refusals with problem details, the pages with the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
class SecurityConfiguration {

    /** The REST API and the actuator: problem details, and scripts' credentials without CSRF. */
    private static final RequestMatcher API =
            request ->
                    path(request).startsWith("/api/")
                            || path(request).startsWith("/actuator/")
                            || path(request).startsWith("/v1/")
                            || path(request).startsWith("/v3/api-docs")
                            || path(request).equals("/mcp");

    /** htmx's requests for fragments: a redirect to the sign-in page would land inside the page. */
    private static final RequestMatcher HTMX = request -> request.getHeader("HX-Request") != null;

    /** The sign-in form's and HTTP Basic's: usernames and passwords. */
    @Bean
    AuthenticationManager passwordSignIn(
            UserStore users,
            AccountCache cache,
            PasswordEncoder passwords,
            VerifiedPasswords verified,
            SignInThrottle throttle,
            AuditLog audit) {
        return new ProviderManager(
                new PasswordAuthentication(users, cache, passwords, verified, throttle, audit));
    }

    @Bean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    HttpFirewall httpFirewall(SecurityProperties properties) {
        return AllowedHosts.firewall(AllowedHosts.of(properties));
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(
            SecurityProperties properties, ProblemResponses problems) {
        return AllowedHosts.rejected(AllowedHosts.of(properties), problems);
    }

    @Bean
    SecurityFilterChain filterChain(
            HttpSecurity http,
            SecurityProperties properties,
            UserStore users,
            AccountCache cache,
            AuditLog audit,
            ApiKeys keys,
            ProblemResponses problems,
            TransactionTemplate transactions,
            ObjectProvider<ClientRegistrationRepository> registrations)
            throws Exception {
        SignInHandlers signIn = new SignInHandlers(users, audit);
        Set<String> hosts = AllowedHosts.of(properties);
        LoginUrlAuthenticationEntryPoint loginPage =
                new LoginUrlAuthenticationEntryPoint(SignInPages.LOGIN);
        AccessDeniedHandlerImpl errorPage = new AccessDeniedHandlerImpl();

        http.authorizeHttpRequests(
                authorize -> {
                    // forwards, error pages and async completions of requests already decided
                    authorize
                            .dispatcherTypeMatchers(
                                    DispatcherType.FORWARD,
                                    DispatcherType.ERROR,
                                    DispatcherType.ASYNC)
                            .permitAll();
                    authorize
                            .anyRequest()
                            .access(
                                    (authentication, context) ->
                                            decide(
                                                    authentication,
                                                    context,
                                                    properties.apiDocsPublic()));
                });
        http.addFilterBefore(apiKeys(keys, problems), BasicAuthenticationFilter.class);
        http.httpBasic(
                basic ->
                        basic.authenticationEntryPoint(problems)
                                .authenticationDetailsSource(BasicDetails::new));
        http.formLogin(
                form ->
                        form.loginPage(SignInPages.LOGIN)
                                .successHandler(signIn.formSuccess())
                                .failureHandler(signIn.formFailure()));
        if (registrations.getIfAvailable() != null) {
            http.oauth2Login(
                    sso ->
                            sso.loginPage(SignInPages.LOGIN)
                                    .userInfoEndpoint(
                                            user ->
                                                    user.oidcUserService(
                                                            new OidcAccounts(
                                                                    users,
                                                                    properties,
                                                                    audit,
                                                                    transactions,
                                                                    cache)))
                                    .successHandler(signIn.ssoSuccess())
                                    .failureHandler(signIn.ssoFailure()));
        }
        http.logout(
                logout ->
                        logout.logoutUrl("/logout")
                                .addLogoutHandler(signIn.signOut())
                                .logoutSuccessUrl(SignInPages.LOGIN + "?signed-out"));
        // What a browser session does needs the CSRF token (htmx sends it in a header). A call to
        // the API that carries no session is not a session's: a script's own credentials (a key,
        // Basic) cannot be sent by another site's page, and an anonymous one gets its 401.
        http.csrf(
                csrf ->
                        csrf.ignoringRequestMatchers(
                                request ->
                                        API.matches(request)
                                                && (scriptCredentials(request)
                                                        || request.getRequestedSessionId()
                                                                == null)));
        http.addFilterBefore(new CrossSiteRequests(hosts, problems), CsrfFilter.class);
        http.addFilterBefore(new CallerRefreshFilter(users, cache), AuthorizationFilter.class);
        http.exceptionHandling(
                exceptions ->
                        exceptions
                                .defaultAuthenticationEntryPointFor(problems, API)
                                .defaultAuthenticationEntryPointFor(
                                        (request, response, failure) -> {
                                            response.setHeader("HX-Redirect", SignInPages.LOGIN);
                                            response.setStatus(401);
                                        },
                                        HTMX)
                                .defaultAuthenticationEntryPointFor(loginPage, request -> true)
                                .defaultAccessDeniedHandlerFor(problems, API)
                                .defaultAccessDeniedHandlerFor(errorPage, request -> true));
        return http.build();
    }

    /** The authentication filter for {@code Authorization: Bearer <key>}. */
    private static AuthenticationFilter apiKeys(ApiKeys keys, ProblemResponses problems) {
        AuthenticationFilter filter =
                new AuthenticationFilter(
                        new ProviderManager(new ApiKeyAuthentication.Provider(keys)),
                        new ApiKeyAuthentication.Converter());
        filter.setSuccessHandler((request, response, authentication) -> {});
        filter.setFailureHandler(problems::commence);
        return filter;
    }

    /**
     * The request's rule decides; without one it is denied. The API description is open when {@code
     * apiDocsPublic}.
     */
    private static AuthorizationDecision decide(
            java.util.function.Supplier<? extends org.springframework.security.core.Authentication>
                    authentication,
            RequestAuthorizationContext context,
            boolean apiDocsPublic) {
        Access access =
                AccessPolicy.ruleFor(context.getRequest())
                        .map(AccessPolicy.Rule::access)
                        .orElse(null);
        if (access == null) {
            return new AuthorizationDecision(false);
        }
        if (access.open() || (access.apiDocs() && apiDocsPublic)) {
            return new AuthorizationDecision(true);
        }
        return new AuthorizationDecision(
                authentication.get() instanceof CallerAuthentication caller
                        && access.allows(caller.caller(), caller.viaKey()));
    }

    /** A key or HTTP Basic: credentials another site's page cannot make a browser send. */
    private static boolean scriptCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null
                && (authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        || authorization.regionMatches(true, 0, "Basic ", 0, 6));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The details of an HTTP Basic attempt, so the audit log and the caller can tell it apart. */
    static final class BasicDetails extends WebAuthenticationDetails {
        BasicDetails(HttpServletRequest request) {
            super(request);
        }
    }
}
