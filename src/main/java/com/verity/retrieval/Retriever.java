package com.verity.retrieval;

import com.verity.collection.CollectionCatalog;
import com.verity.embedding.Embedder;
import com.verity.embedding.EmbeddingModels;
import com.verity.ingestion.IndexGeneration;
import com.verity.ingestion.PassageIndex;
import com.verity.language.Language;
import com.verity.language.LanguageDetector;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Finds the passages of a collection that best answer a question: the module's public facade. */
@Service
public class Retriever {

    private static final Logger log = LoggerFactory.getLogger(Retriever.class);

    private static final int MAX_QUERY_CHARS = 2000;

    private final CollectionCatalog collections;
    private final PassageIndex index;
    private final EmbeddingModels models;
    private final HybridSearch search;
    private final RetrievalProperties properties;
    private final PassageWindows windows;
    private final SearchScopes scopes;
    private final LanguageDetector languages;
    private final PassageSample samples;
    private final Timer searches;
    private final ObservationRegistry observations;

    Retriever(
            CollectionCatalog collections,
            PassageIndex index,
            EmbeddingModels models,
            HybridSearch search,
            RetrievalProperties properties,
            PassageWindows windows,
            SearchScopes scopes,
            LanguageDetector languages,
            PassageSample samples,
            MeterRegistry meters,
            ObservationRegistry observations) {
        this.observations = observations;
        this.searches =
                Timer.builder("verity.search")
                        .description("Searches of a collection, from the question to its passages")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(meters);
        this.languages = languages;
        this.samples = samples;
        this.collections = collections;
        this.index = index;
        this.models = models;
        this.search = search;
        this.properties = properties;
        this.windows = windows;
        this.scopes = scopes;
    }

    /**
     * Up to {@code count} passages of the collection the caller may read, of some length, picked at
     * random but the same for the same seed (404 for a collection they may not read).
     */
    public List<RetrievedPassage> sample(String collection, int count, long seed, Caller caller) {
        long collectionId = collections.requireReadable(collection, caller);
        IndexGeneration generation = index.serving(collectionId);
        return samples.sample(
                collectionId, generation.id(), caller.passageGroupArray(), count, seed);
    }

    /**
     * The passages of the collection that best answer the question, among those the caller may read
     * (the collection must be readable to them: 404 otherwise).
     */
    public List<RetrievedPassage> retrieve(
            String question, String collection, Integer topK, Caller caller) {
        // a span of its own in traces (and the verity_retrieval timer beside verity_search)
        return Observation.createNotStarted("verity.retrieval", observations)
                .contextualName("retrieval")
                .observe(() -> search(question, collection, topK, caller));
    }

    private List<RetrievedPassage> search(
            String question, String collection, Integer topK, Caller caller) {
        if (question == null || question.isBlank()) {
            throw new RetrievalException(
                    "empty-query", "Empty query", "Send a non-empty 'query' to search for.");
        }
        if (question.length() > MAX_QUERY_CHARS) {
            throw new RetrievalException(
                    "query-too-long",
                    "Query too long",
                    "The query has %d characters; keep it under %d."
                            .formatted(question.length(), MAX_QUERY_CHARS));
        }
        if (collection == null || collection.isBlank()) {
            throw new RetrievalException(
                    "missing-collection", "Collection missing", "Name the 'collection' to search.");
        }
        int limit = topK == null ? properties.defaultTopK() : topK;
        if (limit < 1 || limit > properties.maxTopK()) {
            throw new RetrievalException(
                    "invalid-top-k",
                    "Invalid topK",
                    "topK must be between 1 and %d.".formatted(properties.maxTopK()));
        }
        long started = System.nanoTime();
        String[] readable = caller.passageGroupArray();
        SearchScopes.Scope scope = scope(collection, caller, readable);
        long collectionId = scope.collectionId();
        // The generation serving the collection, and the model its passages were embedded with:
        // during a re-index to another model, questions keep being embedded like the old passages.
        IndexGeneration generation = scope.generation();
        SearchScopes.Volume volume = scope.volume();
        Embedder embedder = models.forModel(generation.embeddingModel());
        long[] embedded = new long[1];
        int candidates = Math.max(properties.candidates(), limit * 4);
        List<RetrievedPassage> ranked =
                search.search(
                        new HybridSearch.Query(
                                collectionId,
                                generation.id(),
                                readable,
                                exactScan(volume),
                                question,
                                () -> {
                                    float[] vector = embedder.embedQuery(question.strip());
                                    embedded[0] = System.nanoTime();
                                    return vector;
                                },
                                candidates,
                                candidates,
                                properties.rrfK(),
                                vectorWeight(question, embedder, volume),
                                properties.keywordWeight(),
                                properties.headingWeight(),
                                properties.keywordMatchBudget(),
                                properties.keywordMatchLimit(),
                                properties.hnswEfSearch()));
        long searched = System.nanoTime();
        List<RetrievedPassage> widened =
                windows.widen(
                        PassageDiversifier.diversify(
                                ranked, properties.maxPassagesPerDocument(), limit * 2),
                        properties.windowChars());
        List<RetrievedPassage> results =
                PassageDiversifier.diversify(widened, properties.maxPassagesPerDocument(), limit);
        if (log.isDebugEnabled()) {
            log.debug(
                    "Searched {}: embedding {} ms, then hybrid search {} ms, windows {} ms",
                    collection,
                    (embedded[0] - started) / 1e6,
                    (searched - embedded[0]) / 1e6,
                    (System.nanoTime() - searched) / 1e6);
        }
        searches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return results;
    }

    /**
     * The collection, its serving generation and the caller's share of it, in one round trip; 404
     * for a collection the caller may not read. A collection's first search assigns it the
     * configured generation.
     */
    private SearchScopes.Scope scope(String collection, Caller caller, String[] readable) {
        Optional<SearchScopes.Scope> found = scopes.find(collection, caller, readable);
        if (found.isPresent() && found.get().generation() != null) {
            return found.get();
        }
        long collectionId =
                found.map(SearchScopes.Scope::collectionId)
                        .orElseGet(() -> collections.requireReadable(collection, caller));
        IndexGeneration generation = index.serving(collectionId);
        return new SearchScopes.Scope(
                collectionId, generation, scopes.volume(collectionId, generation.id(), readable));
    }

    /** Whether the caller reads few enough of the collection's passages to rank them exactly. */
    private boolean exactScan(SearchScopes.Volume volume) {
        return volume.readable() <= properties.exactScanMaxPassages()
                && volume.readable() < volume.total();
    }

    static final class RetrievalException extends ProblemException {
        RetrievalException(String slug, String title, String detail) {
            super(HttpStatus.BAD_REQUEST, slug, title, detail);
        }
    }

    /**
     * The vector ranking's weight: the configured one, unless the question is in a language the
     * embedding model was not trained for. The question's language is told among the languages of
     * the collection's passages (a collection in English only reads every question as English).
     */
    private double vectorWeight(String question, Embedder embedder, SearchScopes.Volume volume) {
        if (embedder.covers(Embedder.EVERY_LANGUAGE)) {
            return properties.vectorWeight();
        }
        Set<Language> present = EnumSet.noneOf(Language.class);
        volume.textConfigs()
                .forEach(config -> Language.ofTextSearchConfig(config).ifPresent(present::add));
        if (present.isEmpty() || present.stream().allMatch(l -> embedder.covers(l.code()))) {
            return properties.vectorWeight();
        }
        return languages
                .detectAmong(question, present)
                .filter(language -> !embedder.covers(language.code()))
                .map(language -> properties.uncoveredLanguageVectorWeight())
                .orElse(properties.vectorWeight());
    }
}
