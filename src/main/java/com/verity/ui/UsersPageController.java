package com.verity.ui;

import com.verity.security.Accounts;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admins' users and groups page: create users, change their roles, groups, name and password,
 * disable or delete them (which signs them out everywhere), and see who is in which group.
 */
@Controller
class UsersPageController {

    private final Accounts accounts;

    UsersPageController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin/users")
    String page(Model model) {
        addUsers(model);
        return "users";
    }

    @PostMapping("/ui/users")
    String create(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(defaultValue = "") String groups,
            Caller caller,
            Model model) {
        try {
            accounts.create(
                    new Accounts.NewUser(
                            username,
                            password.isEmpty() ? null : password,
                            displayName,
                            roles == null ? List.of() : roles,
                            list(groups)),
                    caller);
            model.addAttribute("message", "Created " + username.strip().toLowerCase() + ".");
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
        }
        addUsers(model);
        return "users :: users";
    }

    @PostMapping("/ui/users/{username}")
    String update(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(defaultValue = "") String groups,
            @RequestParam(defaultValue = "false") boolean enabled,
            Caller caller,
            Model model) {
        try {
            accounts.update(
                    username,
                    new Accounts.UserChange(
                            password.isEmpty() ? null : password,
                            displayName,
                            roles == null ? List.of() : roles,
                            list(groups),
                            enabled),
                    caller);
            model.addAttribute("message", "Saved " + username + ".");
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
        }
        addUsers(model);
        return "users :: users";
    }

    @PostMapping("/ui/users/{username}/delete")
    String delete(@PathVariable String username, Caller caller, Model model) {
        try {
            accounts.delete(username, caller);
            model.addAttribute("message", "Deleted " + username + ".");
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
        }
        addUsers(model);
        return "users :: users";
    }

    private void addUsers(Model model) {
        model.addAttribute("users", accounts.list());
        model.addAttribute("groups", accounts.groups());
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).filter(g -> !g.isBlank()).toList();
    }
}
