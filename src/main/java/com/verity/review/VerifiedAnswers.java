package com.verity.review;

import com.verity.assistant.Citation;
import com.verity.assistant.CitationMarkers;
import com.verity.assistant.QueuedTurn;
import com.verity.assistant.ReviewTurns;
import com.verity.assistant.VerifiedAnswerLookup;
import com.verity.collection.CollectionCatalog;
import com.verity.embedding.Embedder;
import com.verity.embedding.EmbeddingModels;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.PassageRef;
import com.verity.retrieval.RetrievedPassage;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editors' verified answers (docs/review.md): written from the review queue or from scratch, with
 * citations picked from the collection's passages; served before any search or model call to a
 * question close enough (the collection's {@code verifiedAnswerThreshold}); suspended when a cited
 * document changes or goes. The module's facade, and the assistant's {@link VerifiedAnswerLookup}.
 */
@Service
public class VerifiedAnswers implements VerifiedAnswerLookup {

    private static final int MAX_QUESTION = 2000;
    private static final int MAX_ANSWER = 20_000;
    private static final int MAX_CITATIONS = 20;
    private static final int MAX_QUOTE = 2000;

    private final VerifiedAnswerStore store;
    private final CollectionCatalog collections;
    private final DocumentCatalog documents;
    private final EmbeddingModels embeddings;
    private final ReviewTurns review;
    private final AuditLog audit;

    VerifiedAnswers(
            VerifiedAnswerStore store,
            CollectionCatalog collections,
            DocumentCatalog documents,
            EmbeddingModels embeddings,
            ReviewTurns review,
            AuditLog audit) {
        this.store = store;
        this.collections = collections;
        this.documents = documents;
        this.embeddings = embeddings;
        this.review = review;
        this.audit = audit;
    }

    @Transactional
    public VerifiedAnswer create(String collection, VerifiedAnswerRequest request, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        if (request.reviewItem() != null) {
            QueuedTurn turn = review.get(request.reviewItem(), caller);
            if (!turn.collection().equals(collection)) {
                throw invalid(
                        "review-item-elsewhere",
                        "Review item %d is a question about '%s', not '%s'."
                                .formatted(request.reviewItem(), turn.collection(), collection));
            }
        }
        VerifiedAnswerStore.Content content = content(collectionId, request, caller);
        UUID id = UUID.randomUUID();
        store.insert(id, collectionId, content, request.reviewItem(), caller.username());
        if (request.reviewItem() != null) {
            review.published(request.reviewItem(), caller);
        }
        audit.record(
                AuditType.VERIFIED_ANSWER_CREATED,
                caller,
                collection,
                details(id, content, request.reviewItem()));
        return store.find(id, caller).orElseThrow().view();
    }

    public List<VerifiedAnswer> list(String collection, String status, int limit, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        if (status != null && !status.equals("ACTIVE") && !status.equals("SUSPENDED")) {
            throw invalid("invalid-status", "status is ACTIVE or SUSPENDED.");
        }
        if (limit < 1 || limit > 1000) {
            throw invalid("invalid-limit", "limit must be between 1 and 1000.");
        }
        return store.list(collectionId, status, false, limit, caller).stream()
                .map(VerifiedAnswerStore.Row::view)
                .toList();
    }

    /**
     * The collection's active answers whose cited documents are all unchanged and readable by the
     * caller: what may be exported as training data.
     */
    public List<VerifiedAnswer> current(String collection, int limit, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        return store.list(collectionId, "ACTIVE", true, limit, caller).stream()
                .map(VerifiedAnswerStore.Row::view)
                .toList();
    }

    public VerifiedAnswer get(UUID id, Caller caller) {
        return editable(id, caller).view();
    }

    @Transactional
    public VerifiedAnswer update(UUID id, VerifiedAnswerRequest request, Caller caller) {
        VerifiedAnswerStore.Row row = editable(id, caller);
        VerifiedAnswerStore.Content content = content(row.collectionId(), request, caller);
        store.update(id, content, caller.username());
        audit.record(
                AuditType.VERIFIED_ANSWER_CHANGED,
                caller,
                row.view().collection(),
                details(id, content, null));
        return store.find(id, caller).orElseThrow().view();
    }

    public void delete(UUID id, Caller caller) {
        VerifiedAnswerStore.Row row = editable(id, caller);
        store.delete(id);
        audit.record(
                AuditType.VERIFIED_ANSWER_DELETED,
                caller,
                row.view().collection(),
                Map.of("id", id.toString(), "question", row.view().question()));
    }

    /** The collection's suspended answers: back in the review queue until edited or deleted. */
    public List<VerifiedAnswer> suspended(long collectionId, int limit, Caller caller) {
        return store.list(collectionId, "SUSPENDED", false, limit, caller).stream()
                .map(VerifiedAnswerStore.Row::view)
                .toList();
    }

    @Override
    public Optional<Match> match(
            long collectionId, String question, double threshold, Caller caller) {
        Embedder embedder = embeddings.configured();
        Optional<VerifiedAnswerStore.Nearest> nearest =
                store.nearest(
                        collectionId,
                        embedder.modelId(),
                        embedder.embedQuery(question.strip()),
                        threshold,
                        caller);
        nearest.ifPresent(n -> store.hit(n.row().view().id()));
        return nearest.map(VerifiedAnswers::match);
    }

    private static Match match(VerifiedAnswerStore.Nearest nearest) {
        VerifiedAnswer answer = nearest.row().view();
        return new Match(
                answer.id(),
                answer.question(),
                answer.answer(),
                answer.citations(),
                passages(answer.citations()),
                answer.updatedBy() != null ? answer.updatedBy() : answer.createdBy(),
                answer.updatedAt() != null ? answer.updatedAt() : answer.createdAt(),
                nearest.similarity());
    }

    /** Citations as the numbered passages an answer's [n] markers refer to. */
    static List<RetrievedPassage> passages(List<Citation> citations) {
        return citations.stream()
                .map(
                        c ->
                                new RetrievedPassage(
                                        c.documentId(),
                                        c.filename(),
                                        c.title(),
                                        c.chunkId(),
                                        c.quote(),
                                        1.0,
                                        null,
                                        c.start(),
                                        c.end(),
                                        null,
                                        c.n()))
                .toList();
    }

    private VerifiedAnswerStore.Row editable(UUID id, Caller caller) {
        VerifiedAnswerStore.Row row = store.find(id, caller).orElseThrow(() -> notFound(id));
        try {
            collections.requireEditable(row.view().collection(), caller);
        } catch (ProblemException e) {
            throw notFound(id);
        }
        return row;
    }

    /** The request checked: the question, the answer and its markers, each citation resolved. */
    private VerifiedAnswerStore.Content content(
            long collectionId, VerifiedAnswerRequest request, Caller caller) {
        String question = request.question() == null ? "" : request.question().strip();
        String answer = request.answer() == null ? "" : request.answer().strip();
        if (question.isEmpty() || question.length() > MAX_QUESTION) {
            throw invalid(
                    "invalid-question",
                    "Send the 'question' this answers, 1 to %d characters."
                            .formatted(MAX_QUESTION));
        }
        if (answer.isEmpty() || answer.length() > MAX_ANSWER) {
            throw invalid(
                    "invalid-answer",
                    "Send the 'answer', 1 to %d characters, with [n] markers for its citations."
                            .formatted(MAX_ANSWER));
        }
        List<VerifiedAnswerRequest.CitationRef> refs =
                request.citations() == null ? List.of() : request.citations();
        if (refs.isEmpty() || refs.size() > MAX_CITATIONS) {
            throw invalid(
                    "invalid-citations",
                    "A verified answer cites 1 to %d passages of the collection: {\"chunkId\"} or {\"documentId\", \"start\", \"end\"}."
                            .formatted(MAX_CITATIONS));
        }
        Matcher markers = CitationMarkers.PATTERN.matcher(answer);
        while (markers.find()) {
            for (int n : CitationMarkers.numbers(markers.group(1))) {
                if (n < 1 || n > refs.size()) {
                    throw invalid(
                            "invalid-marker",
                            "The answer cites [%d], but has %d citations; [n] refers to the n-th citation."
                                    .formatted(n, refs.size()));
                }
            }
        }
        List<Citation> citations = new ArrayList<>();
        Map<UUID, VerifiedAnswerStore.Cited> cited = new LinkedHashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            PassageRef passage = resolve(refs.get(i), i + 1, caller);
            if (passage.collectionId() != collectionId) {
                throw invalid(
                        "citation-elsewhere",
                        "Citation %d is a passage of another collection; cite this collection's passages."
                                .formatted(i + 1));
            }
            String quote =
                    passage.text().length() > MAX_QUOTE
                            ? passage.text().substring(0, MAX_QUOTE)
                            : passage.text();
            citations.add(
                    new Citation(
                            i + 1,
                            passage.documentId(),
                            passage.filename(),
                            passage.title(),
                            passage.chunkId(),
                            quote,
                            passage.start(),
                            passage.end()));
            cited.put(
                    passage.documentId(),
                    new VerifiedAnswerStore.Cited(
                            passage.filename(), passage.version(), passage.accessGroups()));
        }
        Embedder embedder = embeddings.configured();
        return new VerifiedAnswerStore.Content(
                question,
                answer,
                citations,
                cited,
                embedder.modelId(),
                embedder.embedQuery(question));
    }

    private PassageRef resolve(VerifiedAnswerRequest.CitationRef ref, int n, Caller caller) {
        try {
            if (ref != null && ref.chunkId() != null) {
                return documents.passage(ref.chunkId(), caller);
            }
            if (ref != null
                    && ref.documentId() != null
                    && ref.start() != null
                    && ref.end() != null) {
                return documents.excerpt(ref.documentId(), ref.start(), ref.end(), caller);
            }
        } catch (ProblemException e) {
            throw invalid("invalid-citation", "Citation %d: %s".formatted(n, e.getMessage()));
        }
        throw invalid(
                "invalid-citation",
                "Citation %d names neither a passage {\"chunkId\"} nor a range {\"documentId\", \"start\", \"end\"}."
                        .formatted(n));
    }

    private static Map<String, Object> details(
            UUID id, VerifiedAnswerStore.Content content, Long reviewItem) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", id.toString());
        details.put("question", content.question());
        details.put("citations", content.citations().size());
        if (reviewItem != null) {
            details.put("reviewItem", reviewItem);
        }
        return details;
    }

    static ReviewException notFound(UUID id) {
        return new ReviewException(
                HttpStatus.NOT_FOUND,
                "verified-answer-not-found",
                "Verified answer not found",
                "There is no verified answer %s (GET /api/collections/{collection}/verified-answers)."
                        .formatted(id));
    }

    static ReviewException invalid(String slug, String detail) {
        return new ReviewException(HttpStatus.BAD_REQUEST, slug, "Invalid verified answer", detail);
    }
}
