package com.verity.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The admin every test service starts with (src/test/resources/config/application.yaml). */
public final class TestUsers {

    public static final String ADMIN = "test-admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private TestUsers() {}

    /** An HTTP Basic Authorization header value. */
    public static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String admin() {
        return basic(ADMIN, ADMIN_PASSWORD);
    }

    /**
     * Forgets the failed sign-ins counted against the tests' address (127.0.0.1): a test that signs
     * in with unknown usernames on purpose calls this, so the address does not get locked for the
     * tests after it.
     */
    public static void forgetFailedSignIns(
            org.springframework.context.ApplicationContext instance) {
        instance.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("delete from sign_in_throttle where key like 'address:%'")
                .update();
    }

    /** The test admin as a caller of the services of a running instance. */
    public static com.verity.security.Caller adminCaller(
            org.springframework.context.ApplicationContext instance) {
        return instance.getBean(com.verity.security.Accounts.class).caller(ADMIN);
    }
}
