package com.verity.ingestion;

import com.verity.embedding.Embedder;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The passage index, the one owner of {@code passage}, {@code document_build} and {@code
 * index_generation}: which generation serves each collection, building documents into a generation,
 * checking a built generation, switching a collection to it and retiring the one it replaces. No
 * other module writes those tables; the ingestion pipeline writes them through the classes behind
 * this facade.
 */
@Service
public class PassageIndex {

    /** What building one document produced. */
    public record Built(int passages, int reusedVectors) {}

    /** Sample questions asked of a generation, and how many found their document. */
    public record SampleSearch(int found, int asked) {}

    private final IndexGenerations generations;
    private final IndexBuilder builder;
    private final IndexChecks checks;
    private final GenerationCleanup cleanup;

    PassageIndex(
            IndexGenerations generations,
            IndexBuilder builder,
            IndexChecks checks,
            GenerationCleanup cleanup) {
        this.generations = generations;
        this.builder = builder;
        this.checks = checks;
        this.cleanup = cleanup;
    }

    /** The embedding model and chunking the configuration names: what a re-index builds. */
    public IndexRecipe configuredRecipe() {
        return generations.configuredRecipe();
    }

    /** The generation serving a collection; a collection's first use gets the configured one. */
    public IndexGeneration serving(long collectionId) {
        return generations.servingFor(collectionId);
    }

    public IndexGeneration generation(int generationId) {
        return generations.get(generationId);
    }

    /** Collections served by another model or chunking than the configured ones. */
    public List<String> outdatedCollections() {
        return generations.outdatedCollections();
    }

    /**
     * A generation to build with the recipe: a new one ({@code fresh}) or the one already being
     * built with it.
     */
    public IndexGeneration building(IndexRecipe recipe, boolean fresh) {
        return generations.building(recipe, fresh);
    }

    /**
     * Builds a document into the generation with the given embedder (the generation's model). Empty
     * when the document was deleted meanwhile, or is no longer the caller's.
     *
     * @param reuseVectors keep the vector of a passage whose text the serving generation already
     *     embedded with the same model; false re-embeds everything
     * @param stillHeld asked in the writing transaction: false writes nothing
     * @throws DocumentRejectedException when the document cannot be indexed at all
     */
    public Optional<Built> build(
            UUID documentId,
            IndexGeneration target,
            Embedder embedder,
            boolean reuseVectors,
            BooleanSupplier stillHeld) {
        return builder.build(documentId, target, embedder, reuseVectors, stillHeld);
    }

    /** Searchable documents of the collection the generation has not built. */
    public long unbuiltSearchable(long collectionId, int generationId) {
        return checks.unbuiltSearchable(collectionId, generationId);
    }

    /** Built documents of the collection whose passages in the generation are not as recorded. */
    public long passageCountMismatches(long collectionId, int generationId) {
        return checks.passageCountMismatches(collectionId, generationId);
    }

    /**
     * Asks the generation up to {@code questions} of its own passages' text (their first {@code
     * chars} characters) and counts those that find their passage's document in the top {@code
     * top}.
     */
    public SampleSearch sampleSearch(
            long collectionId,
            int generationId,
            Embedder embedder,
            int questions,
            int chars,
            int top) {
        return checks.sampleSearch(collectionId, generationId, embedder, questions, chars, top);
    }

    /** Held by a switch: waits for writers of the collection's serving generation to finish. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForSwitch(long collectionId) {
        generations.lockForSwitch(collectionId);
    }

    /**
     * Switches the collection to a built generation, in the caller's transaction, which holds
     * {@link #lockForSwitch}: what the generation says about each document (title, passage count,
     * text) is applied and the generation serves. Returns the documents updated. The generation it
     * replaces keeps its passages until {@link #retire}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int switchTo(long collectionId, int generationId) {
        int updated = builder.applyBuilds(collectionId, generationId);
        generations.switchTo(collectionId, generationId);
        return updated;
    }

    /** Forgets the builds of a generation that now serves the collection (they are applied). */
    public void discardBuilds(long collectionId, int generationId) {
        cleanup.discardBuilds(collectionId, generationId);
    }

    /**
     * Deletes a batch of a collection's passages of a generation that no longer serves it, and
     * marks the generation RETIRED once nothing uses it. Returns passages deleted.
     */
    public long retire(long collectionId, int generationId, int batch) {
        return cleanup.retire(collectionId, generationId, batch);
    }

    /** Gives up a cancelled build for a collection; its passages go with {@link #retire}. */
    public void abandon(long collectionId, int generationId) {
        cleanup.abandon(collectionId, generationId);
    }

    /** Brings the planner's statistics of the passage table up to date (and vacuums it). */
    public void refreshStatistics(boolean vacuum) {
        cleanup.refreshStatistics(vacuum);
    }
}
