package com.verity.ui;

import com.verity.security.Accounts;
import com.verity.security.ApiKeyView;
import com.verity.security.ApiKeys;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A user's own account: who they are, their password, their API keys (each key shown once). */
@Controller
class AccountController {

    private final Accounts accounts;
    private final ApiKeys keys;

    AccountController(Accounts accounts, ApiKeys keys) {
        this.accounts = accounts;
        this.keys = keys;
    }

    @GetMapping("/account")
    String account(Caller caller, Model model) {
        model.addAttribute("user", accounts.get(caller.username()));
        model.addAttribute("hasPassword", accounts.hasPassword(caller));
        addKeys(caller, model);
        return "account";
    }

    @PostMapping("/ui/account/password")
    String password(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword,
            Caller caller,
            Model model) {
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("message", "The new password and its confirmation differ.");
            return "fragments :: problem";
        }
        try {
            accounts.changeOwnPassword(caller, currentPassword, newPassword);
            model.addAttribute("message", "Password changed; your other sessions were signed out.");
            return "fragments :: done";
        } catch (ProblemException e) {
            model.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    @PostMapping("/ui/api-keys")
    String createKey(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> scopes,
            @RequestParam(defaultValue = "") String expires,
            Caller caller,
            Model model) {
        try {
            ApiKeyView created = keys.create(caller, name, scopes, expiry(expires));
            model.addAttribute("created", created);
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
        }
        addKeys(caller, model);
        return "account :: keys";
    }

    @PostMapping("/ui/api-keys/{id}/revoke")
    String revoke(@PathVariable UUID id, Caller caller, Model model) {
        try {
            keys.revoke(caller, id);
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
        }
        addKeys(caller, model);
        return "account :: keys";
    }

    /** The caller's own keys (an admin's listing through the API holds everybody's). */
    private void addKeys(Caller caller, Model model) {
        model.addAttribute(
                "keys",
                keys.list(caller).stream()
                        .filter(key -> key.owner().equals(caller.username()))
                        .toList());
    }

    /** A date picked on the page: the key works until that day ends (UTC). */
    private static java.time.Instant expiry(String date) {
        if (date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "invalid-expiry",
                    "Invalid expiry",
                    "Pick the expiry date as YYYY-MM-DD, or leave it empty.") {};
        }
    }
}
