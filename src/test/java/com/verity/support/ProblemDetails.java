package com.verity.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.VerityApi.Reply;
import java.util.Map;
import org.springframework.http.MediaType;

/** Assertions on RFC 9457 problem details, the body of every REST error. */
public final class ProblemDetails {

    private ProblemDetails() {}

    /**
     * Asserts the reply is an {@code application/problem+json} of this status whose {@code type} is
     * {@code /problems/<slug>}, with a title and a detail; returns its members for more checks.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> assertProblem(Reply<?> reply, int status, String slug) {
        assertThat(reply.status().value()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.headers().getContentType())
                .as("content type of %s", reply.body())
                .matches(type -> type.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON));
        Map<String, Object> body = (Map<String, Object>) reply.body();
        assertThat(body)
                .containsEntry("type", "/problems/" + slug)
                .containsEntry("status", status)
                .containsKeys("title", "detail");
        assertThat((String) body.get("detail")).isNotBlank();
        return body;
    }
}
