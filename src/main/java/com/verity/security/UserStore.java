package com.verity.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** User accounts in PostgreSQL. */
@Repository
class UserStore {

    /** The columns {@link #account} reads, of {@code app_user u}, but the lock. */
    static final String ACCOUNT_COLUMNS =
            """
            u.id, u.username, u.display_name, u.password_hash, u.roles, u.groups, u.enabled,
            u.oidc_issuer, u.oidc_subject, u.created_at
            """;

    /** An account, with the lock a run of failed sign-ins put on its name (if one holds now). */
    private static final String SELECT =
            "select "
                    + ACCOUNT_COLUMNS
                    + """
                    , (select t.locked_until from sign_in_throttle t
                       where t.key = 'user:' || u.username and t.locked_until > now()) as locked_until
                    from app_user u
                    """;

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(String username) {
        return jdbc.sql(SELECT + " where u.username = :username")
                .param("username", username)
                .query(UserStore::account)
                .optional();
    }

    Optional<Account> findById(long id) {
        return jdbc.sql(SELECT + " where u.id = :id")
                .param("id", id)
                .query(UserStore::account)
                .optional();
    }

    Optional<Account> findByOidc(String issuer, String subject) {
        return jdbc.sql(SELECT + " where u.oidc_issuer = :issuer and u.oidc_subject = :subject")
                .param("issuer", issuer)
                .param("subject", subject)
                .query(UserStore::account)
                .optional();
    }

    List<Account> all() {
        return jdbc.sql(SELECT + " order by u.username").query(UserStore::account).list();
    }

    /** Inserts an account; false when the username is taken. */
    boolean insert(
            String username,
            String displayName,
            String passwordHash,
            Set<Role> roles,
            List<String> groups,
            String oidcIssuer,
            String oidcSubject) {
        return jdbc.sql(
                                """
                                insert into app_user (username, display_name, password_hash, roles,
                                                      groups, oidc_issuer, oidc_subject)
                                values (:username, :displayName, :hash, :roles, :groups, :issuer,
                                        :subject)
                                on conflict (username) do nothing
                                """)
                        .param("username", username)
                        .param("displayName", displayName)
                        .param("hash", passwordHash)
                        .param("roles", roleArray(roles))
                        .param("groups", groups.toArray(String[]::new))
                        .param("issuer", oidcIssuer)
                        .param("subject", oidcSubject)
                        .update()
                > 0;
    }

    void update(Account account) {
        jdbc.sql(
                        """
                        update app_user set display_name = :displayName, password_hash = :hash,
                               roles = :roles, groups = :groups, enabled = :enabled,
                               updated_at = now()
                        where id = :id
                        """)
                .param("displayName", account.displayName())
                .param("hash", account.passwordHash())
                .param("roles", roleArray(account.roles()))
                .param("groups", account.groups().stream().sorted().toArray(String[]::new))
                .param("enabled", account.enabled())
                .param("id", account.id())
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from app_user where id = :id").param("id", id).update() > 0;
    }

    /**
     * Enabled admins other than this account (the last admin may not be demoted or removed). The
     * admins' rows stay locked, in id order, until the transaction ends: two admins demoting each
     * other at once take turns instead of both succeeding.
     */
    long otherEnabledAdmins(long id) {
        return jdbc
                .sql(
                        """
                        select id from app_user where enabled and 'ADMIN' = any(roles)
                        order by id for update
                        """)
                .query(Long.class)
                .list()
                .stream()
                .filter(admin -> admin != id)
                .count();
    }

    boolean anyEnabledAdmin() {
        return jdbc.sql(
                        "select exists (select 1 from app_user where enabled and 'ADMIN' = any(roles))")
                .query(Boolean.class)
                .single();
    }

    /** Every group some user is in, with its members' usernames. */
    List<GroupView> groups() {
        return jdbc.sql(
                        """
                        select g.name, array_agg(u.username order by u.username)
                        from app_user u cross join unnest(u.groups) as g(name)
                        group by g.name order by g.name
                        """)
                .query((rs, row) -> new GroupView(rs.getString(1), Arrays.asList(strings(rs, 2))))
                .list();
    }

    private static String[] roleArray(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toArray(String[]::new);
    }

    static Account account(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : strings(rs, "roles")) {
            roles.add(Role.valueOf(role));
        }
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                roles,
                Arrays.stream(strings(rs, "groups")).collect(Collectors.toUnmodifiableSet()),
                rs.getBoolean("enabled"),
                rs.getString("oidc_issuer"),
                rs.getString("oidc_subject"),
                rs.getTimestamp("created_at").toInstant(),
                locked == null ? null : locked.toInstant());
    }

    static String[] strings(ResultSet rs, String column) throws SQLException {
        return strings(rs.getArray(column));
    }

    static String[] strings(ResultSet rs, int column) throws SQLException {
        return strings(rs.getArray(column));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
