package com.verity.assistant;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code collection_routing} rows, read on every question and so held for two seconds: a change
 * made on one instance reaches the others within that.
 */
@Repository
class RoutingStore {

    /** A collection's stored routing; null fields fall back to configuration. */
    record Stored(
            String defaultModel,
            String escalationModel,
            double unsupportedThreshold,
            double verifiedAnswerThreshold) {}

    private final JdbcClient jdbc;
    private final LoadingCache<Long, Optional<Stored>> held;

    RoutingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.held = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(2)).build(this::read);
    }

    Optional<Stored> find(long collectionId) {
        return held.get(collectionId);
    }

    private Optional<Stored> read(long collectionId) {
        return jdbc.sql(
                        """
                        select default_model, escalation_model, unsupported_threshold,
                               verified_answer_threshold
                        from collection_routing where collection_id = :collection
                        """)
                .param("collection", collectionId)
                .query(
                        (rs, row) ->
                                new Stored(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getDouble(3),
                                        rs.getDouble(4)))
                .optional();
    }

    /** The collections whose routing names {@code model}, first or for escalation. */
    java.util.List<String> collectionsUsing(String model) {
        return jdbc.sql(
                        """
                        select c.name from collection_routing r join collection c on c.id = r.collection_id
                        where r.default_model = :model or r.escalation_model = :model order by c.name
                        """)
                .param("model", model)
                .query(String.class)
                .list();
    }

    void save(long collectionId, Stored routing, String by) {
        jdbc.sql(
                        """
                        insert into collection_routing (collection_id, default_model, escalation_model,
                                                        unsupported_threshold, verified_answer_threshold,
                                                        updated_by)
                        values (:collection, :default, :escalation, :unsupported, :verified, :by)
                        on conflict (collection_id) do update
                        set default_model = excluded.default_model,
                            escalation_model = excluded.escalation_model,
                            unsupported_threshold = excluded.unsupported_threshold,
                            verified_answer_threshold = excluded.verified_answer_threshold,
                            updated_by = excluded.updated_by, updated_at = now()
                        """)
                .param("collection", collectionId)
                .param("default", routing.defaultModel())
                .param("escalation", routing.escalationModel())
                .param("unsupported", routing.unsupportedThreshold())
                .param("verified", routing.verifiedAnswerThreshold())
                .param("by", by)
                .update();
        held.invalidate(collectionId);
    }
}
