package com.verity.security;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure somebody can manage a new installation, and nothing starts open: the admin named in
 * verity.security.admin is created when missing; without one, when no admin exists yet, {@code
 * admin} is created with a random password, logged once with what to do next. Instances starting
 * together take turns (an advisory lock), so only one creates it.
 */
@Component
@ConditionalOnWebApplication
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private static final String DEFAULT_NAME = "admin";
    private static final String ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 24;

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final SecurityProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    FirstAdmin(
            UserStore users,
            PasswordEncoder passwords,
            SecurityProperties properties,
            AuditLog audit,
            TransactionTemplate transactions,
            JdbcClient jdbc) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
        this.audit = audit;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(
                tx -> {
                    jdbc.sql("select pg_advisory_xact_lock(hashtext('verity.first-admin'))")
                            .query()
                            .singleValue();
                    ensureAdmin();
                });
    }

    private void ensureAdmin() {
        SecurityProperties.Admin admin = properties.admin();
        if (!admin.username().isBlank()) {
            String username = Usernames.normalize(admin.username());
            if (users.find(username).isPresent()) {
                return;
            }
            if (admin.password().length() < properties.passwordMinLength()) {
                throw new IllegalStateException(
                        ("verity.security.admin.password (VERITY_SECURITY_ADMIN_PASSWORD) needs at"
                                        + " least %d characters to create the admin '%s'")
                                .formatted(properties.passwordMinLength(), username));
            }
            create(username, admin.password());
            log.info("Created the admin '{}' named in verity.security.admin", username);
            return;
        }
        if (users.anyEnabledAdmin()) {
            return;
        }
        String password = generatedPassword();
        if (users.find(DEFAULT_NAME).isPresent()) {
            throw new IllegalStateException(
                    ("No enabled admin exists and a user named '%s' does: start once with"
                                    + " VERITY_SECURITY_ADMIN_USERNAME and VERITY_SECURITY_ADMIN_PASSWORD"
                                    + " naming a new admin")
                            .formatted(DEFAULT_NAME));
        }
        create(DEFAULT_NAME, password);
        String address =
                properties.publicUrl().isEmpty() ? "http://localhost:8080" : properties.publicUrl();
        log.warn(
                """

                ==========================================================================
                No admin existed: created the user '{}' with the password

                    {}

                Sign in at {}/login and change it at /account; then create accounts for
                your team at /admin/users. This password is shown only this once. (To name
                the first admin yourself, start with VERITY_SECURITY_ADMIN_USERNAME and
                VERITY_SECURITY_ADMIN_PASSWORD.)
                ==========================================================================""",
                DEFAULT_NAME,
                password,
                address);
    }

    private void create(String username, String password) {
        users.insert(
                username,
                null,
                passwords.encode(password),
                EnumSet.of(Role.ADMIN),
                List.of(),
                null,
                null);
        audit.record(
                AuditType.USER_CREATED,
                (String) null,
                username,
                Map.of("roles", List.of(Role.ADMIN), "firstAdmin", true));
    }

    private static String generatedPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
