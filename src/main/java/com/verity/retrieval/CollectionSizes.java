package com.verity.retrieval;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Passages per collection and index generation that a set of groups may read, for BM25's document
 * count (what a caller may not read does not count). Counting 100k rows costs about 10 ms, a third
 * of a search, and the figure only needs to be roughly current, so it is counted at most once per
 * {@link #MAX_AGE} for each set of groups.
 */
@Component
class CollectionSizes {

    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    private record Count(long passages, long countedAt) {}

    /** groups null: every passage. */
    private record Scope(long collectionId, int generationId, java.util.List<String> groups) {}

    private final JdbcClient jdbc;
    private final Map<Scope, Count> counts = new ConcurrentHashMap<>();

    CollectionSizes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The passages marked with one of these groups (null: all of them). */
    long passages(long collectionId, int generationId, String[] groups) {
        long now = System.nanoTime();
        Count count =
                counts.compute(
                        new Scope(
                                collectionId,
                                generationId,
                                groups == null
                                        ? null
                                        : java.util.Arrays.stream(groups).sorted().toList()),
                        (scope, cached) ->
                                cached != null && now - cached.countedAt() < MAX_AGE.toNanos()
                                        ? cached
                                        : new Count(count(scope), now));
        return count.passages();
    }

    private long count(Scope scope) {
        return jdbc.sql(
                        """
                        select count(*) from passage
                        where collection_id = :collection and generation_id = :generation
                          and (cast(:groups as text[]) is null
                               or access_groups && cast(:groups as text[]))
                        """)
                .param(
                        "groups",
                        scope.groups() == null ? null : scope.groups().toArray(String[]::new))
                .param("collection", scope.collectionId())
                .param("generation", scope.generationId())
                .query(Long.class)
                .single();
    }
}
