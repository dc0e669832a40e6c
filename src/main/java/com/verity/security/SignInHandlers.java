package com.verity.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * What happens after a sign-in attempt through the form or single sign-on, and at sign-out: the
 * audit log records it, a locked attempt gets the 429 page, and a single sign-on's token becomes
 * the same caller token a form sign-in gives, so the rest of the service sees one kind of session.
 */
class SignInHandlers {

    private final UserStore users;
    private final AuditLog audit;
    private final SavedRequestAwareAuthenticationSuccessHandler redirect =
            new SavedRequestAwareAuthenticationSuccessHandler();
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SignInHandlers(UserStore users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    AuthenticationSuccessHandler formSuccess() {
        return (request, response, authentication) -> {
            audit.record(
                    AuditType.SIGN_IN,
                    authentication.getName(),
                    authentication.getName(),
                    Map.of("method", "FORM"));
            redirect.onAuthenticationSuccess(request, response, authentication);
        };
    }

    AuthenticationFailureHandler formFailure() {
        return (request, response, failure) -> {
            if (failure instanceof SignInThrottledException throttled) {
                forwardThrottled(request, response, throttled);
            } else if (failure instanceof DisabledException) {
                response.sendRedirect(SignInPages.LOGIN + "?disabled");
            } else {
                response.sendRedirect(SignInPages.LOGIN + "?error");
            }
        };
    }

    AuthenticationSuccessHandler ssoSuccess() {
        return (request, response, authentication) -> {
            OidcAccounts.SignedIn user = (OidcAccounts.SignedIn) authentication.getPrincipal();
            Account account =
                    users.findById(user.accountId())
                            .orElseThrow(
                                    () -> new IllegalStateException("account just provisioned"));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(
                    new CallerAuthentication(
                            account.asCaller(), CallerAuthentication.Source.SESSION));
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
            String provider =
                    authentication instanceof OAuth2AuthenticationToken token
                            ? token.getAuthorizedClientRegistrationId()
                            : "oidc";
            audit.record(
                    AuditType.SIGN_IN,
                    account.username(),
                    account.username(),
                    Map.of("method", "OIDC", "provider", provider));
            redirect.onAuthenticationSuccess(request, response, context.getAuthentication());
        };
    }

    AuthenticationFailureHandler ssoFailure() {
        return (request, response, failure) -> {
            String reason =
                    failure instanceof OAuth2AuthenticationException oauth
                                    && oauth.getError().getErrorCode().startsWith("account_")
                            ? oauth.getError().getDescription()
                            : "Single sign-on did not succeed; try again, or ask an admin.";
            audit.record(
                    AuditType.SIGN_IN_FAILED,
                    (String) null,
                    null,
                    Map.of("method", "OIDC", "reason", reason));
            request.getSession().setAttribute(SignInPages.SSO_ERROR, reason);
            response.sendRedirect(SignInPages.LOGIN + "?sso-error");
        };
    }

    LogoutHandler signOut() {
        return (request, response, authentication) -> {
            if (authentication != null) {
                audit.record(
                        AuditType.SIGN_OUT,
                        authentication.getName(),
                        authentication.getName(),
                        Map.of());
            }
        };
    }

    private static void forwardThrottled(
            HttpServletRequest request,
            HttpServletResponse response,
            SignInThrottledException throttled)
            throws IOException, ServletException {
        request.setAttribute(SignInPages.RETRY_AFTER, throttled.retryAfterSeconds());
        request.getRequestDispatcher(SignInPages.THROTTLED).forward(request, response);
    }
}
