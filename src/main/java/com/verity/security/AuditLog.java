package com.verity.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: who did what to what, from where and when. Written in the caller's transaction, so
 * a change and its record are committed together or not at all.
 */
@Service
public class AuditLog {

    /** A page of the log, newest first. */
    public record Page(List<AuditEvent> content, PageInfo page) {
        public record PageInfo(int number, int size, long totalElements, long totalPages) {}
    }

    /** What to show: null members do not filter. */
    public record Filter(AuditType type, String actor, Instant from, Instant to) {}

    private static final int MAX_PAGE_SIZE = 500;

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private static final String WHERE =
            """
            where (cast(:type as text) is null or type = :type)
              and (cast(:actor as text) is null or actor = :actor)
              and (cast(:from as timestamptz) is null or at >= :from)
              and (cast(:to as timestamptz) is null or at < :to)
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records what a caller did. */
    public void record(AuditType type, Caller actor, String target, Map<String, ?> details) {
        record(type, actor == null ? null : actor.username(), target, details);
    }

    /** Records what a user (by name, e.g. one signing in) or the service (null) did. */
    public void record(AuditType type, String actor, String target, Map<String, ?> details) {
        jdbc.sql(
                        """
                        insert into audit_event (type, actor, target, client_address, details)
                        values (:type, :actor, :target, :address, cast(:details as jsonb))
                        """)
                .param("type", type.name())
                .param("actor", actor)
                .param("target", target)
                .param("address", clientAddress())
                .param("details", json.writeValueAsString(details == null ? Map.of() : details))
                .update();
    }

    /** Deletes the events recorded before {@code before}, in batches; returns how many. */
    public long deleteBefore(Instant before) {
        long deleted = 0;
        int batch;
        do {
            batch =
                    jdbc.sql(
                                    """
                                    delete from audit_event where id in (
                                        select id from audit_event where at < :before limit 5000)
                                    """)
                            .param("before", java.sql.Timestamp.from(before))
                            .update();
            deleted += batch;
        } while (batch > 0);
        return deleted;
    }

    public Page page(Filter filter, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw SecurityException.invalidPage(MAX_PAGE_SIZE);
        }
        long total =
                bind(jdbc.sql("select count(*) from audit_event " + WHERE), filter)
                        .query(Long.class)
                        .single();
        List<AuditEvent> events =
                bind(
                                jdbc.sql(
                                        "select * from audit_event "
                                                + WHERE
                                                + " order by at desc, id desc limit :limit offset :offset"),
                                filter)
                        .param("limit", size)
                        .param("offset", (long) page * size)
                        .query(
                                (rs, row) ->
                                        new AuditEvent(
                                                rs.getLong("id"),
                                                AuditType.valueOf(rs.getString("type")),
                                                rs.getString("actor"),
                                                rs.getString("target"),
                                                rs.getString("client_address"),
                                                rs.getTimestamp("at").toInstant(),
                                                json.readValue(rs.getString("details"), DETAILS)))
                        .list();
        return new Page(events, new Page.PageInfo(page, size, total, (total + size - 1) / size));
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
        return sql.param("type", filter.type() == null ? null : filter.type().name())
                .param("actor", filter.actor())
                .param(
                        "from",
                        filter.from() == null ? null : java.sql.Timestamp.from(filter.from()))
                .param("to", filter.to() == null ? null : java.sql.Timestamp.from(filter.to()));
    }

    /** The address of the request being served, null outside one. */
    static String clientAddress() {
        return RequestContextHolder.getRequestAttributes()
                        instanceof ServletRequestAttributes attributes
                ? clientAddress(attributes.getRequest())
                : null;
    }

    static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
