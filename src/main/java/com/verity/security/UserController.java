package com.verity.security;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Users and groups over REST (admins): create, list, change, disable, delete. */
@RestController
class UserController {

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/users")
    ResponseEntity<UserView> create(@RequestBody Accounts.NewUser user, Caller caller) {
        UserView created = accounts.create(user, caller);
        return ResponseEntity.created(URI.create("/api/users/" + created.username())).body(created);
    }

    @GetMapping("/api/users")
    List<UserView> list() {
        return accounts.list();
    }

    @GetMapping("/api/users/{username}")
    UserView get(@PathVariable String username) {
        return accounts.get(username);
    }

    @PatchMapping("/api/users/{username}")
    UserView update(
            @PathVariable String username, @RequestBody Accounts.UserChange change, Caller caller) {
        return accounts.update(username, change, caller);
    }

    @DeleteMapping("/api/users/{username}")
    ResponseEntity<Void> delete(@PathVariable String username, Caller caller) {
        accounts.delete(username, caller);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/groups")
    List<GroupView> groups() {
        return accounts.groups();
    }
}
