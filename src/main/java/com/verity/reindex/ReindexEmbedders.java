package com.verity.reindex;

import com.verity.embedding.Embedder;
import com.verity.embedding.EmbeddingModels;
import com.verity.ingestion.IndexGeneration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The embedding models of a re-index, on threads of their own: verity.reindex.core-share of the
 * cores, so that live questions and uploads keep the rest.
 */
@Component
class ReindexEmbedders implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReindexEmbedders.class);

    private final EmbeddingModels models;
    private final ExecutorService executor;

    ReindexEmbedders(EmbeddingModels models, ReindexProperties properties) {
        this.models = models;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("reindex-embed-");
        threads.setDaemon(true);
        this.executor = Executors.newFixedThreadPool(properties.embeddingThreads(), threads);
        log.info(
                "Re-index embedding uses {} of {} cores",
                properties.embeddingThreads(),
                Runtime.getRuntime().availableProcessors());
    }

    Embedder forGeneration(IndexGeneration generation) {
        return models.forModel(generation.embeddingModel(), executor);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
