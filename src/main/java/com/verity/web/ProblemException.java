package com.verity.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request that cannot be served, rendered as an RFC 9457 problem detail with a stable {@code
 * type} ({@code /problems/<slug>}). Modules subclass it with named factories that say what went
 * wrong and what to do.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    protected ProblemException(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** Adds a machine-readable member to the problem (e.g. the offending file name). */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Adds a response header (e.g. Retry-After). */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(typeOf(slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static URI typeOf(String slug) {
        return URI.create("/problems/" + slug);
    }
}
