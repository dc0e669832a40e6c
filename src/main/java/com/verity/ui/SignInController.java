package com.verity.ui;

import com.verity.security.SignInPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The sign-in page: the form (Spring Security checks it at {@code POST /login}) and a button per
 * configured identity provider. A sign-in locked by too many failures is forwarded here and
 * answered with 429 and Retry-After.
 */
@Controller
class SignInController {

    /** An identity provider to sign in with. */
    record Provider(String id, String name) {}

    private final ObjectProvider<ClientRegistrationRepository> registrations;

    SignInController(ObjectProvider<ClientRegistrationRepository> registrations) {
        this.registrations = registrations;
    }

    @GetMapping(SignInPages.LOGIN)
    String login(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (request.getParameter("sso-error") != null && session != null) {
            model.addAttribute("ssoError", session.getAttribute(SignInPages.SSO_ERROR));
            session.removeAttribute(SignInPages.SSO_ERROR);
        }
        return page(model);
    }

    @RequestMapping(SignInPages.THROTTLED)
    String throttled(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object seconds = request.getAttribute(SignInPages.RETRY_AFTER);
        long retryAfter = seconds instanceof Long value ? value : 60;
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        model.addAttribute("lockedMinutes", Math.max(1, (retryAfter + 59) / 60));
        return page(model);
    }

    private String page(Model model) {
        List<Provider> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                providers.add(new Provider(client.getRegistrationId(), client.getClientName()));
            }
        }
        model.addAttribute("providers", providers);
        return "login";
    }
}
