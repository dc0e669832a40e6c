package com.verity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Users made through the REST API for a test, each with a client signed in as them. */
public final class TestAccounts {

    /** A user and the API called as them (HTTP Basic). */
    public record Account(String username, String password, VerityApi api) {
        /** Calls as this user with the given API key instead. */
        public VerityApi withKey(String key) {
            return api.withKey(key);
        }
    }

    private TestAccounts() {}

    /** A new user with a unique name made from the prefix, created by the admin. */
    public static Account create(
            VerityApi admin, String prefix, List<String> roles, List<String> groups) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        VerityApi.Reply<Map<String, Object>> reply =
                admin.post(
                        "/api/users",
                        Map.of(
                                "username", username,
                                "password", password,
                                "roles", roles,
                                "groups", groups));
        assertThat(reply.status().value()).as("user creation %s", reply.body()).isEqualTo(201);
        return new Account(username, password, admin.as(username, password));
    }

    /** Creates an API key as the account and returns the key itself. */
    public static String key(Account account, List<String> scopes) {
        VerityApi.Reply<Map<String, Object>> reply =
                account.api().post("/api/api-keys", Map.of("name", "test key", "scopes", scopes));
        assertThat(reply.status().value()).as("key creation %s", reply.body()).isEqualTo(201);
        return (String) reply.body().get("key");
    }
}
