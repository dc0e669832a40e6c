package com.verity.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state-changing requests that a browser says come from another site (Fetch Metadata's
 * {@code Sec-Fetch-Site}, or an {@code Origin} outside the allowed hosts). CSRF tokens already
 * protect what a session does; this also covers credentials a browser would attach by itself, such
 * as HTTP Basic it remembered. Scripts send neither header and are not affected. Written by hand:
 * Spring Security has no Fetch Metadata check for servlet applications.
 */
class CrossSiteRequests extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** An identity provider may post its answer back (response_mode=form_post). */
    private static final String SIGN_IN_CALLBACK = "/login/oauth2/code/";

    private final Set<String> hosts;
    private final ProblemResponses problems;

    CrossSiteRequests(Set<String> hosts, ProblemResponses problems) {
        this.hosts = hosts;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod())
                && !request.getRequestURI().startsWith(SIGN_IN_CALLBACK)
                && crossSite(request)) {
            problems.write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.FORBIDDEN,
                            "cross-site-request",
                            "Cross-site request refused",
                            "A page of another site may not change anything here; open Verity"
                                    + " itself and do it there."),
                    request);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean crossSite(HttpServletRequest request) {
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return origin != null;
        }
        try {
            String host = URI.create(origin).getHost();
            return host == null
                    || !hosts.contains(AllowedHosts.normalize(host.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
