package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Deny by default, checked against the application itself: every request mapping has a rule of its
 * own in {@link AccessPolicy}, and every one that is not public refuses an anonymous caller (401
 * problem on the API, the sign-in page for pages), so a new endpoint cannot ship open by accident.
 */
@IntegrationTest
class AccessPolicyTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired VerityApi api;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** One request to one mapped path: method and a path with its variables filled in. */
    record Endpoint(String method, String path) {}

    @Test
    void everyRequestMappingHasAnExplicitRule() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(60);
        List<Endpoint> unruled = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            MockHttpServletRequest request =
                    new MockHttpServletRequest(endpoint.method(), endpoint.path());
            if (AccessPolicy.ruleFor(request).isEmpty()) {
                unruled.add(endpoint);
            }
        }
        assertThat(unruled).as("request mappings without an AccessPolicy rule").isEmpty();
    }

    @Test
    void everyEndpointThatIsNotPublicRefusesAnAnonymousCaller() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> open = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            MockHttpServletRequest probe =
                    new MockHttpServletRequest(endpoint.method(), endpoint.path());
            if (AccessPolicy.ruleFor(probe).orElseThrow().access().open()) {
                continue;
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + api.port() + endpoint.path()));
            request.method(
                    endpoint.method(),
                    Set.of("POST", "PUT", "PATCH").contains(endpoint.method())
                            ? HttpRequest.BodyPublishers.ofString("{}")
                            : HttpRequest.BodyPublishers.noBody());
            request.header("Content-Type", "application/json");
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean api =
                    endpoint.path().startsWith("/api/")
                            || endpoint.path().startsWith("/actuator/")
                            || endpoint.path().startsWith("/v3/api-docs");
            boolean openAi = endpoint.path().startsWith("/v1/");
            boolean refused =
                    openAi
                            // OpenAI's clients read OpenAI's error body
                            ? response.statusCode() == 401
                                    && response.headers().firstValue("WWW-Authenticate").isPresent()
                                    && response.body().contains("\"type\":\"authentication_error\"")
                            : api
                                    ? response.statusCode() == 401
                                            && response.headers()
                                                    .firstValue("WWW-Authenticate")
                                                    .isPresent()
                                            && response.body()
                                                    .contains("\"type\":\"/problems/unauthorized\"")
                                    : endpoint.method().equals("GET")
                                            ? response.statusCode() == 302
                                                    && response.headers()
                                                            .firstValue("Location")
                                                            .orElse("")
                                                            .endsWith("/login")
                                            // a page's form without a session carries no CSRF token
                                            // either
                                            : response.statusCode() == 403
                                                    || response.statusCode() == 302;
            if (!refused) {
                open.add(endpoint + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(open).as("endpoints that answered an anonymous caller").isEmpty();
    }

    @Test
    void apiDocsPublicOpensTheApiDescriptionAndNothingElse() {
        assertThat(AccessPolicy.rules())
                .filteredOn(rule -> rule.access().apiDocs())
                .extracting(AccessPolicy.Rule::pattern)
                .containsExactlyInAnyOrder(
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/swagger-ui.html",
                        "/swagger-ui/**");
        assertThat(AccessPolicy.rules())
                .filteredOn(rule -> rule.access().apiDocs())
                .allSatisfy(rule -> assertThat(rule.access().role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void anUnmappedPathIsDeniedNotServed() {
        assertThat(api.as((String) null).get("/api/no-such-endpoint").status().value())
                .isEqualTo(401);
        assertThat(api.get("/api/no-such-endpoint").status().value()).isEqualTo(403);
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint("GET", fill(pattern)));
                    endpoints.add(new Endpoint("POST", fill(pattern)));
                }
                methods.forEach(
                        method -> endpoints.add(new Endpoint(method.name(), fill(pattern))));
            }
        }
        return endpoints;
    }

    /** The pattern with each variable replaced by a value of the kind it takes. */
    private static String fill(String pattern) {
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            variable.appendReplacement(
                    path,
                    name.equals("id")
                            ? "00000000-0000-0000-0000-000000000000"
                            : name.equals("turn") ? "1" : "x");
        }
        variable.appendTail(path);
        return path.toString();
    }
}
