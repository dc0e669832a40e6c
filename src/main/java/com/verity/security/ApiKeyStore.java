package com.verity.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys in PostgreSQL, by the SHA-256 of the key. */
@Repository
class ApiKeyStore {

    /** A key that may still be used: not revoked (its expiry is checked by the caller). */
    record ActiveKey(UUID id, Set<Scope> scopes, Instant expiresAt, Account owner) {}

    private static final String VIEW =
            """
            select k.id, k.name, k.prefix, u.username, k.scopes, k.expires_at, k.created_at,
                   k.last_used_at
            from api_key k join app_user u on u.id = k.owner_id
            where k.revoked_at is null
            """;

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            UUID id,
            long ownerId,
            String name,
            String prefix,
            String hash,
            Set<Scope> scopes,
            Instant expiresAt) {
        jdbc.sql(
                        """
                        insert into api_key (id, owner_id, name, prefix, key_hash, scopes, expires_at)
                        values (:id, :owner, :name, :prefix, :hash, :scopes, :expires)
                        """)
                .param("id", id)
                .param("owner", ownerId)
                .param("name", name)
                .param("prefix", prefix)
                .param("hash", hash)
                .param("scopes", scopes.stream().sorted().map(Scope::value).toArray(String[]::new))
                .param("expires", expiresAt == null ? null : java.sql.Timestamp.from(expiresAt))
                .update();
    }

    /**
     * The key with its owner as they are now, in one statement: it runs on every call made with a
     * key, so it is one round trip.
     */
    Optional<ActiveKey> findActive(String hash) {
        return jdbc.sql(
                        "select k.id as key_id, k.scopes as key_scopes,"
                                + " k.expires_at as key_expires_at, cast(null as timestamptz) as locked_until, "
                                + UserStore.ACCOUNT_COLUMNS
                                + """
                                from api_key k join app_user u on u.id = k.owner_id
                                where k.key_hash = :hash and k.revoked_at is null
                                """)
                .param("hash", hash)
                .query(
                        (rs, row) ->
                                new ActiveKey(
                                        rs.getObject("key_id", UUID.class),
                                        scopes(rs, "key_scopes"),
                                        UserStore.instant(rs.getTimestamp("key_expires_at")),
                                        UserStore.account(rs, row)))
                .optional();
    }

    Optional<ApiKeyView> view(UUID id) {
        return jdbc.sql(VIEW + " and k.id = :id")
                .param("id", id)
                .query(ApiKeyStore::view)
                .optional();
    }

    /** Keys not revoked: one owner's (ownerId set) or everybody's, newest first. */
    List<ApiKeyView> list(Long ownerId) {
        return jdbc.sql(
                        VIEW
                                + " and (cast(:owner as bigint) is null or k.owner_id = :owner)"
                                + " order by k.created_at desc")
                .param("owner", ownerId)
                .query(ApiKeyStore::view)
                .list();
    }

    /** Revokes a key (of this owner, unless ownerId is null); false when there is none. */
    boolean revoke(UUID id, Long ownerId) {
        return jdbc.sql(
                                """
                                update api_key set revoked_at = now()
                                where id = :id and revoked_at is null
                                  and (cast(:owner as bigint) is null or owner_id = :owner)
                                """)
                        .param("id", id)
                        .param("owner", ownerId)
                        .update()
                > 0;
    }

    int revokeAllOf(long ownerId) {
        return jdbc.sql(
                        "update api_key set revoked_at = now() where owner_id = :owner and revoked_at is null")
                .param("owner", ownerId)
                .update();
    }

    void touch(UUID id) {
        jdbc.sql("update api_key set last_used_at = now() where id = :id").param("id", id).update();
    }

    private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
        return new ApiKeyView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                null,
                rs.getString("prefix"),
                rs.getString("username"),
                scopes(rs, "scopes").stream().sorted().toList(),
                UserStore.instant(rs.getTimestamp("expires_at")),
                rs.getTimestamp("created_at").toInstant(),
                UserStore.instant(rs.getTimestamp("last_used_at")));
    }

    private static Set<Scope> scopes(ResultSet rs, String column) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(UserStore.strings(rs, column)).map(Scope::of).forEach(scopes::add);
        return scopes;
    }
}
