package com.verity.benchmark;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentParser;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.spi.ServiceHelper;
import dev.langchain4j.spi.data.document.parser.DocumentParserFactory;
import dev.langchain4j.spi.model.embedding.EmbeddingModelFactory;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of issue 15's goal 1: LangChain4j Easy RAG as a new user runs it on the same pages,
 * with every default it picks by itself (its Tika document parser, its recursive splitter, its
 * in-process bge-small-en-v1.5-q with ONNX Runtime's own threading), into its in-memory store. Only
 * the time inside the embedding model's calls counts: Easy RAG's embedding step alone, without its
 * parsing, splitting or storing.
 */
final class EasyRagBaseline {

    /**
     * @param embedding the time spent inside the model's calls
     * @param tokens the segments' tokens, counted as Verity counts its passages'
     * @param all parse, split, embed and store, for the record
     */
    record Result(int pages, int segments, long tokens, Duration embedding, Duration all) {

        double embeddingSeconds() {
            return embedding.toNanos() / 1e9;
        }
    }

    private final DocumentParser parser =
            ServiceHelper.loadFactories(DocumentParserFactory.class).iterator().next().create();
    private final EmbeddingModel model =
            ServiceHelper.loadFactories(EmbeddingModelFactory.class).iterator().next().create();

    private final HuggingFaceTokenCountEstimator counter = new HuggingFaceTokenCountEstimator();

    /** Runs Easy RAG over the pages once. */
    Result run(List<PolicyDocument> pages) {
        AtomicLong embedding = new AtomicLong();
        AtomicLong segments = new AtomicLong();
        List<String> embedded = java.util.Collections.synchronizedList(new ArrayList<>());
        EmbeddingModel timed =
                new EmbeddingModel() {
                    @Override
                    public Response<List<Embedding>> embedAll(List<TextSegment> batch) {
                        long started = System.nanoTime();
                        Response<List<Embedding>> response = model.embedAll(batch);
                        embedding.addAndGet(System.nanoTime() - started);
                        segments.addAndGet(batch.size());
                        batch.forEach(segment -> embedded.add(segment.text()));
                        return response;
                    }

                    @Override
                    public int dimension() {
                        return model.dimension();
                    }
                };
        long started = System.nanoTime();
        List<Document> documents =
                pages.stream()
                        .map(page -> parser.parse(new ByteArrayInputStream(page.bytes())))
                        .toList();
        // no splitter given: the ingestor loads Easy RAG's default one, as EmbeddingStoreIngestor
        // .ingest(documents, store) does
        EmbeddingStoreIngestor.builder()
                .embeddingModel(timed)
                .embeddingStore(new InMemoryEmbeddingStore<TextSegment>())
                .build()
                .ingest(documents);
        Duration all = Duration.ofNanos(System.nanoTime() - started);
        // counted after the run, so that counting is in none of its times
        long tokens = embedded.stream().mapToLong(counter::estimateTokenCountInText).sum();
        return new Result(
                pages.size(), (int) segments.get(), tokens, Duration.ofNanos(embedding.get()), all);
    }
}
