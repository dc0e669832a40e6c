package com.verity.security;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller: who they are, and their own password. */
@RestController
class MeController {

    private final Accounts accounts;

    MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    /** {@code GET /api/me}: the assigned roles (each includes the ones below it) and groups. */
    record Me(String username, String displayName, List<Role> roles, List<String> groups) {}

    @GetMapping("/api/me")
    Me me(Caller caller) {
        UserView user = accounts.get(caller.username());
        return new Me(user.username(), user.displayName(), user.roles(), user.groups());
    }

    record PasswordChange(String currentPassword, String newPassword) {}

    @PutMapping("/api/me/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange change, Caller caller) {
        if (change.newPassword() == null) {
            throw SecurityException.invalid(
                    "missing-password", "New password missing", "Send 'newPassword'.");
        }
        accounts.changeOwnPassword(caller, change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }
}
