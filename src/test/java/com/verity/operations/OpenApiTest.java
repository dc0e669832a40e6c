package com.verity.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description lists every {@code /api} path the application maps, with the problem
 * details they answer with; it and Swagger UI are for admins only by default.
 */
@IntegrationTest
class OpenApiTest {

    @Autowired VerityApi api;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @SuppressWarnings("unchecked")
    void everyApiPathIsDescribedWithItsProblems() {
        VerityApi.Reply<Map<String, Object>> reply = api.get("/v3/api-docs");
        assertThat(reply.status().value()).isEqualTo(200);
        Map<String, Object> paths = (Map<String, Object>) reply.body().get("paths");

        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            info.getPatternValues().stream()
                    .filter(p -> p.startsWith("/api/") || p.startsWith("/v1/"))
                    // a catch-all variable ({*name}: model names hold slashes) is one {name}
                    .map(p -> p.replace("{*", "{"))
                    .forEach(mapped::add);
        }
        assertThat(mapped).hasSizeGreaterThan(50);
        assertThat(paths.keySet()).containsAll(mapped);

        Map<String, Object> ask =
                (Map<String, Object>) ((Map<String, Object>) paths.get("/api/ask")).get("post");
        Map<String, Object> responses = (Map<String, Object>) ask.get("responses");
        assertThat(responses).containsKeys("200", "400", "401", "403", "404", "429");
        assertThat(responses.get("400").toString()).contains("application/problem+json");
        Map<String, Object> schemas =
                (Map<String, Object>)
                        ((Map<String, Object>) reply.body().get("components")).get("schemas");
        assertThat(schemas).containsKey("Problem");
    }

    @Test
    void onlyAdminsReadTheDescriptionByDefault() {
        VerityApi agent =
                TestAccounts.create(
                                api, "docs-agent", java.util.List.of("AGENT"), java.util.List.of())
                        .api();

        assertThat(api.as((String) null).get("/v3/api-docs").status().value()).isEqualTo(401);
        assertThat(agent.get("/v3/api-docs").status().value()).isEqualTo(403);
        assertThat(agent.getBytes("/swagger-ui/index.html").status().value()).isEqualTo(403);
        VerityApi.Reply<byte[]> ui = api.getBytes("/swagger-ui/index.html");
        assertThat(ui.status().value()).isEqualTo(200);
        assertThat(new String(ui.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("swagger");
    }
}
