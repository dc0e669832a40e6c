package oidc.provider;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization Server, started
 * in the test JVM on its own port, with a client for Verity and users whose ID tokens carry a
 * {@code groups} claim. It reads no application.yaml of Verity's and touches no database.
 */
public final class OpenIdProvider implements AutoCloseable {

    public static final String CLIENT_ID = "verity";
    public static final String CLIENT_SECRET = "verity-test-secret";
    public static final String PASSWORD = "provider-password";

    /** A user of the provider and the groups its ID token names. */
    public record Person(String username, String name, List<String> groups) {}

    private final ConfigurableApplicationContext context;

    private OpenIdProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static OpenIdProvider start(List<Person> people) {
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(Provider.class)
                        .properties(
                                Map.of(
                                        "spring.config.name", "openid-provider-none",
                                        "server.port", "0",
                                        "spring.autoconfigure.exclude",
                                                String.join(
                                                        ",",
                                                        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                                                        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                                                        "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
                                                        "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration"),
                                        "spring.security.oauth2.authorizationserver.client.verity.registration.client-id",
                                                CLIENT_ID,
                                        "spring.security.oauth2.authorizationserver.client.verity.registration.client-secret",
                                                "{noop}" + CLIENT_SECRET,
                                        "spring.security.oauth2.authorizationserver.client.verity.registration.client-authentication-methods",
                                                "client_secret_basic",
                                        "spring.security.oauth2.authorizationserver.client.verity.registration.authorization-grant-types",
                                                "authorization_code,refresh_token",
                                        // loopback: any port (RFC 8252), so Verity's random port
                                        // works
                                        "spring.security.oauth2.authorizationserver.client.verity.registration.redirect-uris",
                                                "http://127.0.0.1/login/oauth2/code/company",
                                        "spring.security.oauth2.authorizationserver.client.verity.registration.scopes",
                                                "openid,profile",
                                        "spring.security.oauth2.authorizationserver.client.verity.require-authorization-consent",
                                                "false"))
                        .initializers(
                                starting ->
                                        starting.getBeanFactory()
                                                .registerSingleton("people", new People(people)))
                        .run();
        return new OpenIdProvider(context);
    }

    /** The issuer, as Verity's client registration names it. */
    public String issuer() {
        return "http://localhost:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }

    record People(List<Person> all) {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Provider {

        @Bean
        UserDetailsService users(People people) {
            return new InMemoryUserDetailsManager(
                    people.all().stream()
                            .map(
                                    p ->
                                            User.withUsername(p.username())
                                                    .password("{noop}" + PASSWORD)
                                                    .roles("USER")
                                                    .build())
                            .toList());
        }

        /** The ID token carries the user's name, username and groups. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> groups(People people) {
            return token -> {
                if (!OidcParameterNames.ID_TOKEN.equals(token.getTokenType().getValue())) {
                    return;
                }
                people.all().stream()
                        .filter(p -> p.username().equals(token.getPrincipal().getName()))
                        .findFirst()
                        .ifPresent(
                                p ->
                                        token.getClaims()
                                                .claim("preferred_username", p.username())
                                                .claim("name", p.name())
                                                .claim("groups", p.groups()));
            };
        }
    }
}
