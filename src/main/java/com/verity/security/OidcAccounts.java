package com.verity.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Users who sign in through the company's OpenID Connect provider: the account is created on the
 * first sign-in (no password), and its groups (verity.security.oidc.groups-claim) and roles (the
 * role mapping of those groups) are taken from the provider at every sign-in. An account is tied to
 * the provider's issuer and subject, never to a username alone, so nobody takes over a local
 * account by naming themselves after it at the provider.
 */
class OidcAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(OidcAccounts.class);

    /** The provider's user, with the Verity account it signs in as. */
    static final class SignedIn extends DefaultOidcUser {
        private final long accountId;

        SignedIn(OidcUser user, long accountId) {
            super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
            this.accountId = accountId;
        }

        long accountId() {
            return accountId;
        }
    }

    private final OidcUserService delegate = new OidcUserService();
    private final UserStore users;
    private final SecurityProperties.Oidc settings;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final AccountCache cache;

    OidcAccounts(
            UserStore users,
            SecurityProperties properties,
            AuditLog audit,
            TransactionTemplate transactions,
            AccountCache cache) {
        this.users = users;
        this.cache = cache;
        this.settings = properties.oidc();
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        String issuer = user.getIdToken().getIssuer().toString();
        String provider = request.getClientRegistration().getRegistrationId();
        long id = transactions.execute(tx -> provision(issuer, provider, user).id());
        return new SignedIn(user, id);
    }

    private Account provision(String issuer, String provider, OidcUser user) {
        List<String> providerGroups = providerGroups(user.getClaims().get(settings.groupsClaim()));
        List<String> groups =
                providerGroups.stream()
                        .filter(Groups::valid)
                        .map(Groups::normalize)
                        .distinct()
                        .sorted()
                        .toList();
        Set<Role> mapped = mappedRoles(groups);
        String displayName =
                Optional.ofNullable(user.getFullName()).orElse(user.getPreferredUsername());
        Optional<Account> existing = users.findByOidc(issuer, user.getSubject());
        if (existing.isPresent()) {
            Account account = existing.get();
            if (!account.enabled()) {
                throw failure("account_disabled", "This account is disabled; ask an admin.");
            }
            boolean groupsGiven = user.getClaims().containsKey(settings.groupsClaim());
            Account updated =
                    new Account(
                            account.id(),
                            account.username(),
                            displayName != null ? displayName : account.displayName(),
                            account.passwordHash(),
                            settings.roleMapping().isEmpty()
                                    ? account.roles()
                                    : rolesOrDefault(mapped),
                            groupsGiven ? Set.copyOf(groups) : account.groups(),
                            true,
                            account.oidcIssuer(),
                            account.oidcSubject(),
                            account.createdAt(),
                            account.lockedUntil());
            users.update(updated);
            cache.changed(account.id(), account.username());
            return updated;
        }
        String username = username(user);
        Set<Role> roles = rolesOrDefault(mapped);
        if (!users.insert(username, displayName, null, roles, groups, issuer, user.getSubject())) {
            throw failure(
                    "account_conflict",
                    ("A Verity account named '%s' exists already and is not linked to this identity"
                                    + " provider; an admin can rename or remove it.")
                            .formatted(username));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", provider);
        details.put("roles", roles.stream().sorted().toList());
        details.put("groups", groups);
        audit.record(AuditType.USER_CREATED, (String) null, username, details);
        log.info("Created {} on first sign-in through {}", username, provider);
        return users.find(username).orElseThrow();
    }

    private Set<Role> mappedRoles(List<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        settings.roleMapping()
                .forEach(
                        (group, role) -> {
                            if (Groups.valid(group) && groups.contains(Groups.normalize(group))) {
                                roles.add(role);
                            }
                        });
        return roles;
    }

    private Set<Role> rolesOrDefault(Set<Role> mapped) {
        if (!mapped.isEmpty()) {
            return mapped;
        }
        return settings.defaultRoles().isEmpty() ? EnumSet.of(Role.AGENT) : settings.defaultRoles();
    }

    /** The username claim, else the verified e-mail, else a name made from the subject. */
    private String username(OidcUser user) {
        Object claimed = user.getClaims().get(settings.usernameClaim());
        String name = claimed == null ? null : Usernames.lookupKey(String.valueOf(claimed));
        // an address the provider has not verified could be anybody's
        if (name == null
                && user.getEmail() != null
                && Boolean.TRUE.equals(user.getEmailVerified())) {
            name = Usernames.lookupKey(user.getEmail());
        }
        return name != null ? name : "sso-" + ApiKeys.hash(user.getSubject()).substring(0, 16);
    }

    /** A claim that lists groups: a JSON array, or one string. */
    private static List<String> providerGroups(Object claim) {
        List<String> groups = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> groups.add(String.valueOf(value)));
        } else if (claim instanceof String value) {
            groups.add(value);
        }
        return groups;
    }

    private static OAuth2AuthenticationException failure(String code, String description) {
        return new OAuth2AuthenticationException(
                new OAuth2Error(code, description, null), description);
    }
}
