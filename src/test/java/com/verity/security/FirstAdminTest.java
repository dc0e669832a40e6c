package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import com.verity.support.TestDatabase;
import com.verity.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nothing starts open: on an empty database without a configured admin, the service creates {@code
 * admin} with a random password and logs it once; the next start logs nothing of the kind. The last
 * enabled admin cannot be disabled, demoted or deleted.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

    private static final Pattern LOGGED = Pattern.compile("with the password\\s+(\\S+)");

    @Test
    void aFreshInstallationGetsOneAdminWithAPasswordLoggedOnce(CapturedOutput output)
            throws Exception {
        Map<String, Object> database = TestDatabase.isolatedProperties("first_admin");
        String password;
        try (ConfigurableApplicationContext first = start(database)) {
            Matcher logged = LOGGED.matcher(output.getOut());
            assertThat(logged.find()).as("the password is logged").isTrue();
            password = logged.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            int port = port(first);
            assertThat(status(port, "/api/me", null)).isEqualTo(401);
            assertThat(status(port, "/api/me", TestUsers.basic("admin", password))).isEqualTo(200);
            assertThat(status(port, "/api/users", TestUsers.basic("admin", password)))
                    .isEqualTo(200);
            Accounts accounts = first.getBean(Accounts.class);
            Caller admin = accounts.caller("admin");
            assertThat(accounts.get("admin").roles()).containsExactly(Role.ADMIN);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () ->
                                    accounts.update(
                                            "admin",
                                            new Accounts.UserChange(null, null, null, null, false),
                                            admin))
                    .isInstanceOf(SecurityException.class)
                    .hasMessageContaining("only enabled admin");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> accounts.delete("admin", admin))
                    .isInstanceOf(SecurityException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () ->
                                    accounts.update(
                                            "admin",
                                            new Accounts.UserChange(
                                                    null,
                                                    null,
                                                    java.util.List.of("EDITOR"),
                                                    null,
                                                    null),
                                            admin))
                    .isInstanceOf(SecurityException.class);
        }
        int logs = countMatches(output.getOut());
        try (ConfigurableApplicationContext second = start(database)) {
            assertThat(countMatches(output.getOut())).as("logged only once").isEqualTo(logs);
            assertThat(status(port(second), "/api/me", TestUsers.basic("admin", password)))
                    .isEqualTo(200);
        }
    }

    private static int countMatches(String text) {
        Matcher matcher = LOGGED.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("verity.security.admin.username", "");
        properties.put("verity.security.admin.password", "");
        properties.put("verity.jobs.enabled", "false");
        return new SpringApplicationBuilder(VerityApplication.class)
                .run(TestDatabase.arguments(properties));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static int status(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
