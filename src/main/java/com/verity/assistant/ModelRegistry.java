package com.verity.assistant;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models callers may use and their profile overrides, in the {@code model} table: seeded from
 * {@code verity.assistant.allowed-models} and the default model at start-up (a model already there
 * keeps what admins set), changed on the models page. Read on every question, so it is held for two
 * seconds: a change made on one instance reaches the others within that.
 */
@Repository
class ModelRegistry {

    /** One registered model. */
    record Entry(
            String name,
            boolean allowed,
            ModelProfile profile,
            Instant updatedAt,
            String updatedBy) {}

    private static final Duration HELD = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<String> configured;
    private final LoadingCache<Boolean, List<Entry>> entries;

    ModelRegistry(JdbcClient jdbc, JsonMapper json, AssistantProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.configured = properties.allowedModels();
        this.entries = Caffeine.newBuilder().expireAfterWrite(HELD).build(key -> read());
        seed(properties.allowedModels());
        seed(List.of(properties.defaultModel()));
    }

    private void seed(List<String> names) {
        for (String name : names) {
            jdbc.sql(
                            """
                            insert into model (name, allowed, updated_by) values (:name, true, null)
                            on conflict (name) do nothing
                            """)
                    .param("name", name)
                    .update();
        }
    }

    /** The configured models first, in configuration order, then the others by name. */
    private List<Entry> read() {
        java.util.Comparator<Entry> order =
                java.util.Comparator.comparingInt(
                        (Entry e) -> {
                            int at = configured.indexOf(e.name());
                            return at < 0 ? Integer.MAX_VALUE : at;
                        });
        return jdbc
                .sql(
                        "select name, allowed, profile, updated_at, updated_by from model order by name")
                .query(
                        (rs, row) ->
                                new Entry(
                                        rs.getString("name"),
                                        rs.getBoolean("allowed"),
                                        json.readValue(rs.getString("profile"), ModelProfile.class),
                                        rs.getTimestamp("updated_at").toInstant(),
                                        rs.getString("updated_by")))
                .list()
                .stream()
                .sorted(order)
                .toList();
    }

    List<Entry> all() {
        return entries.get(Boolean.TRUE);
    }

    /** The names callers may ask for, in name order. */
    List<String> allowed() {
        return all().stream().filter(Entry::allowed).map(Entry::name).toList();
    }

    Optional<Entry> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Registers or changes a model; the profile replaces the stored overrides whole. */
    void save(String name, boolean allowed, ModelProfile profile, String by) {
        jdbc.sql(
                        """
                        insert into model (name, allowed, profile, updated_by)
                        values (:name, :allowed, cast(:profile as jsonb), :by)
                        on conflict (name) do update
                        set allowed = excluded.allowed, profile = excluded.profile,
                            updated_by = excluded.updated_by, updated_at = now()
                        """)
                .param("name", name)
                .param("allowed", allowed)
                .param("profile", json.writeValueAsString(profile))
                .param("by", by)
                .update();
        entries.invalidateAll();
    }

    /**
     * Forgets a model (after it was deleted from its backend); false when it was not registered.
     */
    boolean remove(String name) {
        boolean removed =
                jdbc.sql("delete from model where name = :name").param("name", name).update() > 0;
        entries.invalidateAll();
        return removed;
    }
}
