package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.TestUsers;
import com.verity.support.VerityApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Users over REST as the contract gives them, and the audit log of what was done to them. */
@IntegrationTest
@SuppressWarnings("unchecked")
class UsersApiTest {

    @Autowired VerityApi admin;
    @Autowired org.springframework.context.ApplicationContext context;

    @Test
    void anAdminCreatesChangesAndDeletesAUser() {
        String name = "Dana-" + UUID.randomUUID().toString().substring(0, 6);
        VerityApi.Reply<Map<String, Object>> created =
                admin.post(
                        "/api/users",
                        Map.of(
                                "username",
                                name,
                                "password",
                                "a long enough password",
                                "displayName",
                                "Dana Scully",
                                "roles",
                                List.of("EDITOR"),
                                "groups",
                                List.of("HR", "/support")));
        assertThat(created.status().value()).isEqualTo(201);
        String username = name.toLowerCase();
        assertThat(created.headers().getLocation()).hasToString("/api/users/" + username);
        assertThat(created.body())
                .containsOnlyKeys(
                        "username", "displayName", "roles", "groups", "enabled", "createdAt")
                .containsEntry("username", username)
                .containsEntry("displayName", "Dana Scully")
                .containsEntry("roles", List.of("EDITOR"))
                .containsEntry("groups", List.of("hr", "support"))
                .containsEntry("enabled", true);
        assertThat(
                        admin.post(
                                        "/api/users",
                                        Map.of("username", name, "roles", List.of("AGENT")))
                                .status()
                                .value())
                .isEqualTo(409);
        assertThat(admin.getList("/api/users").body())
                .anySatisfy(u -> assertThat(u).containsEntry("username", username));
        VerityApi dana = admin.as(username, "a long enough password");
        assertThat(dana.get("/api/me").body())
                .containsOnlyKeys("username", "displayName", "roles", "groups")
                .containsEntry("groups", List.of("hr", "support"));

        Map<String, Object> changed =
                patch(
                        "/api/users/" + username,
                        Map.of("roles", List.of("AGENT", "ADMIN"), "groups", List.of()));
        assertThat(changed)
                .containsEntry("roles", List.of("AGENT", "ADMIN"))
                .containsEntry("groups", List.of());
        assertThat(dana.getList("/api/users").status().value()).as("admin at once").isEqualTo(200);
        patch("/api/users/" + username, Map.of("password", "another long password"));
        assertThat(dana.get("/api/me").status().value()).isEqualTo(401);
        assertThat(admin.as(username, "another long password").get("/api/me").status().value())
                .isEqualTo(200);

        String collection = admin.newCollection("named");
        admin.put(
                "/api/collections/" + collection + "/access",
                Map.of(
                        "readers",
                        List.of("user:" + username, "group:hr"),
                        "editors",
                        List.of("user:" + username)));
        assertThat(admin.delete("/api/users/" + username).value()).isEqualTo(204);
        assertThat(admin.get("/api/collections/" + collection + "/access").body())
                .as("a later account of the same name inherits nothing")
                .containsEntry("readers", List.of("group:hr"))
                .containsEntry("editors", List.of());
        assertThat(admin.get("/api/users/" + username).status().value()).isEqualTo(404);
        assertThat(admin.as(username, "another long password").get("/api/me").status().value())
                .isEqualTo(401);
        // a sign-in as a user that no longer exists counted against the tests' address
        TestUsers.forgetFailedSignIns(context);
        String log =
                admin.get("/api/audit-events?actor=" + TestUsers.ADMIN + "&size=200")
                        .body()
                        .toString();
        assertThat(log)
                .contains("USER_CREATED")
                .contains("USER_CHANGED")
                .contains("USER_DELETED")
                .contains(username);
    }

    @Test
    void badUsersAreRefusedWithWhatToDo() {
        assertThat(
                        admin.post(
                                        "/api/users",
                                        Map.of(
                                                "username",
                                                "weak-" + UUID.randomUUID(),
                                                "password",
                                                "short1"))
                                .body())
                .containsEntry("type", "/problems/weak-password");
        assertThat(
                        admin.post(
                                        "/api/users",
                                        Map.of(
                                                "username",
                                                "r-" + UUID.randomUUID(),
                                                "roles",
                                                List.of("OWNER")))
                                .body())
                .containsEntry("type", "/problems/unknown-role")
                .containsEntry("status", 400);
        assertThat(admin.post("/api/users", Map.of("username", "no spaces please")).body())
                .containsEntry("type", "/problems/invalid-username");
        assertThat(
                        admin.post(
                                        "/api/users",
                                        Map.of(
                                                "username",
                                                "g-" + UUID.randomUUID().toString().substring(0, 6),
                                                "groups",
                                                List.of("bad group")))
                                .body())
                .containsEntry("type", "/problems/invalid-group");
    }

    @Test
    void usersChangeTheirOwnPasswordKnowingTheCurrentOne() {
        Account carol = TestAccounts.create(admin, "carol", List.of("AGENT"), List.of());
        int wrong =
                carol.api()
                        .put(
                                "/api/me/password",
                                Map.of(
                                        "currentPassword",
                                        "nope",
                                        "newPassword",
                                        "carols new password"))
                        .status()
                        .value();
        assertThat(wrong).isEqualTo(400);
        int changed =
                carol.api()
                        .put(
                                "/api/me/password",
                                Map.of(
                                        "currentPassword",
                                        carol.password(),
                                        "newPassword",
                                        "carols new password"))
                        .status()
                        .value();
        assertThat(changed).isEqualTo(204);
        assertThat(
                        admin.as(carol.username(), "carols new password")
                                .get("/api/me")
                                .status()
                                .value())
                .isEqualTo(200);
        String key =
                TestAccounts.key(
                        TestAccounts.create(admin, "keyed", List.of("AGENT"), List.of()),
                        List.of("read"));
        assertThat(
                        admin.withKey(key)
                                .put(
                                        "/api/me/password",
                                        Map.of(
                                                "currentPassword",
                                                "x",
                                                "newPassword",
                                                "yyyyyyyyyyyyyy"))
                                .status()
                                .value())
                .as("not with an API key")
                .isEqualTo(403);
    }

    private Map<String, Object> patch(String path, Object body) {
        return admin.patch(path, body).body();
    }
}
