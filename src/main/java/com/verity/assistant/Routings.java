package com.verity.assistant;

import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Each collection's routing (docs/models.md, "Escalation"): the model that answers first, the one
 * that answers again when that answer fails its check, and the thresholds that decide it. Admins
 * change it; the change is audited.
 */
@Service
public class Routings {

    /** {@code PUT /api/collections/{c}/routing}; a field left out keeps its default. */
    public record Change(
            String defaultModel,
            String escalationModel,
            Double unsupportedThreshold,
            Double verifiedAnswerThreshold) {}

    private final RoutingStore store;
    private final ModelRegistry models;
    private final CollectionCatalog collections;
    private final AssistantProperties properties;
    private final AuditLog audit;

    Routings(
            RoutingStore store,
            ModelRegistry models,
            CollectionCatalog collections,
            AssistantProperties properties,
            AuditLog audit) {
        this.store = store;
        this.models = models;
        this.collections = collections;
        this.properties = properties;
        this.audit = audit;
    }

    /** The routing in force for a collection, configuration filling what it does not set. */
    Routing of(long collectionId, String collection) {
        return store.find(collectionId)
                .map(
                        r ->
                                new Routing(
                                        collection,
                                        r.defaultModel() != null
                                                ? r.defaultModel()
                                                : properties.defaultModel(),
                                        r.escalationModel(),
                                        r.unsupportedThreshold(),
                                        r.verifiedAnswerThreshold()))
                .orElseGet(
                        () ->
                                new Routing(
                                        collection,
                                        properties.defaultModel(),
                                        null,
                                        properties.unsupportedThreshold(),
                                        properties.verifiedAnswerThreshold()));
    }

    public Routing get(String collection, Caller caller) {
        return of(collections.requireEditable(collection, caller), collection);
    }

    public Routing put(String collection, Change change, Caller caller) {
        long id = collections.requireEditable(collection, caller);
        List<String> allowed = models.allowed();
        String first = blankToNull(change.defaultModel());
        String escalation = blankToNull(change.escalationModel());
        for (String model : new String[] {first, escalation}) {
            if (model != null && !allowed.contains(model)) {
                throw AssistantException.modelNotAllowed(model, allowed);
            }
        }
        String answering = first != null ? first : properties.defaultModel();
        if (answering.equals(escalation)) {
            throw invalid(
                    "'escalationModel' is the model that answers first ('%s'); name a stronger one, or leave it out for no escalation."
                            .formatted(answering));
        }
        double unsupported =
                share(
                        change.unsupportedThreshold(),
                        properties.unsupportedThreshold(),
                        "unsupportedThreshold");
        double verified =
                share(
                        change.verifiedAnswerThreshold(),
                        properties.verifiedAnswerThreshold(),
                        "verifiedAnswerThreshold");
        store.save(
                id,
                new RoutingStore.Stored(first, escalation, unsupported, verified),
                caller.username());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("defaultModel", first);
        details.put("escalationModel", escalation);
        details.put("unsupportedThreshold", unsupported);
        details.put("verifiedAnswerThreshold", verified);
        audit.record(AuditType.ROUTING_CHANGED, caller, collection, details);
        return of(id, collection);
    }

    private double share(Double value, double absent, String field) {
        if (value == null) {
            return absent;
        }
        if (value.isNaN() || value < 0 || value > 1) {
            throw invalid("'%s' is a share between 0 and 1; got %s.".formatted(field, value));
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static AssistantException invalid(String detail) {
        return AssistantException.of(
                HttpStatus.BAD_REQUEST, "invalid-routing", "Invalid routing", detail);
    }
}
