package com.verity.security;

import com.verity.web.OpenAiErrors;
import com.verity.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the REST API answers when the filter chain refuses a request, as problem details like every
 * other error: 401 (with a challenge) without credentials or with bad ones, 429 while sign-ins are
 * locked, 403 with the reason when the caller may not do this. Never an exception's own text.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(
            HttpServletRequest request,
            HttpServletResponse response,
            AuthenticationException failure)
            throws IOException {
        if (failure instanceof SignInThrottledException throttled) {
            long seconds = throttled.retryAfterSeconds();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            write(
                    response,
                    problem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "sign-in-throttled",
                            "Too many failed sign-ins",
                            ("Too many failed sign-ins for this user or from this address; try again"
                                            + " in %d s.")
                                    .formatted(seconds)),
                    request);
            return;
        }
        // Browsers (they send Sec-Fetch-Site) are not offered Basic: they would prompt for a
        // password and then send it on cross-site requests too.
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                request.getHeader("Sec-Fetch-Site") != null
                        ? "Bearer realm=\"verity\""
                        : "Bearer realm=\"verity\", Basic realm=\"verity\", charset=\"UTF-8\"");
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        write(
                response,
                problem(
                        HttpStatus.UNAUTHORIZED,
                        "unauthorized",
                        "Sign-in required",
                        presented
                                ? "The credentials sent are not valid (wrong password, or an"
                                        + " unknown, expired or revoked API key)."
                                : "Send an API key (Authorization: Bearer <key>, made at /account or"
                                        + " with POST /api/api-keys) or HTTP Basic credentials."),
                request);
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(
                response,
                problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", reason(request, denied)),
                request);
    }

    private static String reason(HttpServletRequest request, AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            return "The request carries no valid CSRF token: reload the page and try again"
                    + " (scripts: authenticate with an API key or HTTP Basic instead of a session).";
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            return AccessPolicy.ruleFor(request)
                    .filter(rule -> !rule.access().allows(caller.caller(), caller.viaKey()))
                    .map(rule -> rule.access().refusal(caller.caller(), caller.viaKey()))
                    .orElse("This request is not allowed.");
        }
        return "This request is not allowed.";
    }

    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemException.typeOf(slug));
        problem.setTitle(title);
        return problem;
    }

    /** Writes the problem; under {@code /v1} in OpenAI's error body, which its clients parse. */
    void write(HttpServletResponse response, ProblemDetail problem, HttpServletRequest request)
            throws IOException {
        if (OpenAiErrors.applies(
                request.getRequestURI().substring(request.getContextPath().length()))) {
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            String type = problem.getType().toString();
            json.writeValue(
                    response.getOutputStream(),
                    OpenAiErrors.body(
                            HttpStatus.valueOf(problem.getStatus()),
                            type.substring(type.lastIndexOf('/') + 1),
                            problem.getDetail()));
            return;
        }
        write(response, problem);
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
