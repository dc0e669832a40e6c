package com.verity.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User accounts: created by admins, by the first start, or by a first single sign-on; changed,
 * disabled and deleted by admins; a user's own password. The module's public facade for them.
 */
@Service
public class Accounts {

    /** A user to create; absent members take their defaults (no password: SSO only, AGENT). */
    public record NewUser(
            String username,
            String password,
            String displayName,
            List<String> roles,
            List<String> groups) {}

    /** Changes to a user; null members stay as they are. */
    public record UserChange(
            String password,
            String displayName,
            List<String> roles,
            List<String> groups,
            Boolean enabled) {}

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final SecurityProperties properties;
    private final AuditLog audit;
    private final SignedInUsers signedIn;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final AccountCache cache;

    Accounts(
            UserStore users,
            PasswordEncoder passwords,
            SecurityProperties properties,
            AuditLog audit,
            SignedInUsers signedIn,
            org.springframework.context.ApplicationEventPublisher events,
            AccountCache cache) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
        this.audit = audit;
        this.signedIn = signedIn;
        this.events = events;
        this.cache = cache;
    }

    public List<UserView> list() {
        return users.all().stream().map(Account::view).toList();
    }

    public UserView get(String username) {
        return require(username).view();
    }

    /**
     * The user as a caller with every scope, as if signed in: for the service's own tools that act
     * on behalf of a named user (and for tests).
     */
    public Caller caller(String username) {
        return require(username).asCaller();
    }

    public List<GroupView> groups() {
        return users.groups();
    }

    @Transactional
    public UserView create(NewUser user, Caller actor) {
        String username = Usernames.normalize(user.username());
        Set<Role> roles = user.roles() == null ? EnumSet.of(Role.AGENT) : roles(user.roles());
        List<String> groups = Groups.normalize(user.groups());
        String hash = user.password() == null ? null : hash(user.password());
        if (!users.insert(
                username, displayName(user.displayName()), hash, roles, groups, null, null)) {
            throw SecurityException.userExists(username);
        }
        audit.record(
                AuditType.USER_CREATED,
                actor,
                username,
                Map.of("roles", sorted(roles), "groups", groups));
        return get(username);
    }

    @Transactional
    public UserView update(String username, UserChange change, Caller actor) {
        Account account = require(username);
        Set<Role> roles = change.roles() == null ? account.roles() : roles(change.roles());
        boolean enabled = change.enabled() == null ? account.enabled() : change.enabled();
        boolean stillAdmin = enabled && roles.contains(Role.ADMIN);
        if (account.roles().contains(Role.ADMIN)
                && account.enabled()
                && !stillAdmin
                && users.otherEnabledAdmins(account.id()) == 0) {
            throw SecurityException.lastAdmin(account.username());
        }
        Account changed =
                new Account(
                        account.id(),
                        account.username(),
                        change.displayName() == null
                                ? account.displayName()
                                : displayName(change.displayName()),
                        change.password() == null
                                ? account.passwordHash()
                                : hash(change.password()),
                        roles,
                        change.groups() == null
                                ? account.groups()
                                : Set.copyOf(Groups.normalize(change.groups())),
                        enabled,
                        account.oidcIssuer(),
                        account.oidcSubject(),
                        account.createdAt(),
                        account.lockedUntil());
        users.update(changed);
        cache.changed(account.id(), account.username());
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (change.password() != null) {
            details.put("password", "changed");
        }
        if (change.roles() != null) {
            details.put("roles", sorted(roles));
        }
        if (change.groups() != null) {
            details.put("groups", changed.groups().stream().sorted().toList());
        }
        if (change.enabled() != null) {
            details.put("enabled", enabled);
        }
        if (change.displayName() != null) {
            details.put("displayName", changed.displayName());
        }
        audit.record(AuditType.USER_CHANGED, actor, account.username(), details);
        if (!enabled && account.enabled()) {
            signedIn.end(account);
        } else if (change.password() != null) {
            signedIn.endOtherSessions(account);
        }
        return changed.view();
    }

    @Transactional
    public void delete(String username, Caller actor) {
        Account account = require(username);
        if (account.roles().contains(Role.ADMIN)
                && account.enabled()
                && users.otherEnabledAdmins(account.id()) == 0) {
            throw SecurityException.lastAdmin(account.username());
        }
        signedIn.end(account);
        users.delete(account.id());
        cache.changed(account.id(), account.username());
        events.publishEvent(new UserDeleted(account.username()));
        audit.record(AuditType.USER_DELETED, actor, account.username(), Map.of());
    }

    /** Whether the caller signs in with a password here (not only through single sign-on). */
    public boolean hasPassword(Caller caller) {
        return users.findById(caller.userId()).map(a -> a.passwordHash() != null).orElse(false);
    }

    /** A user changes their own password, proving they know the current one. */
    @Transactional
    public void changeOwnPassword(Caller caller, String current, String replacement) {
        Account account =
                users.findById(caller.userId())
                        .orElseThrow(() -> SecurityException.userNotFound(caller.username()));
        if (account.passwordHash() == null) {
            throw SecurityException.noPassword();
        }
        if (current == null || !passwords.matches(current, account.passwordHash())) {
            throw SecurityException.wrongPassword();
        }
        update(account.username(), new UserChange(replacement, null, null, null, null), caller);
    }

    private Account require(String username) {
        String name = Usernames.lookupKey(username);
        return (name == null ? java.util.Optional.<Account>empty() : users.find(name))
                .orElseThrow(() -> SecurityException.userNotFound(username));
    }

    String hash(String password) {
        if (password.length() < properties.passwordMinLength()) {
            throw SecurityException.weakPassword(properties.passwordMinLength());
        }
        return passwords.encode(password);
    }

    static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name == null ? "" : name.strip()));
            } catch (IllegalArgumentException e) {
                throw SecurityException.unknownRole(name);
            }
        }
        if (roles.isEmpty()) {
            throw SecurityException.invalid(
                    "no-roles",
                    "No roles",
                    "Give the user at least one role: AGENT, EDITOR or ADMIN.");
        }
        return roles;
    }

    private static String displayName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        if (stripped.length() > 200) {
            throw SecurityException.invalid(
                    "display-name-too-long",
                    "Display name too long",
                    "Keep the display name under 200 characters.");
        }
        return stripped;
    }

    private static List<Role> sorted(Set<Role> roles) {
        return roles.stream().sorted().toList();
    }
}
