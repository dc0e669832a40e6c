package com.verity.embedding;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    ExecutorService embeddingExecutor(EmbeddingProperties properties) {
        int threads =
                properties.threads() > 0
                        ? properties.threads()
                        : Runtime.getRuntime().availableProcessors();
        return Executors.newFixedThreadPool(threads, daemonThreads("embed-"));
    }

    static CustomizableThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }

    @Bean
    EmbeddingModels embeddingModels(
            EmbeddingProperties properties, ExecutorService embeddingExecutor) {
        return new EmbeddingModels(properties, embeddingExecutor);
    }

    /**
     * The configured model: what new passages and (once re-indexed) questions are embedded with.
     */
    @Bean
    Embedder embedder(EmbeddingModels models) {
        Embedder embedder = models.configured();
        log.info("Embedding model {} ({} dimensions)", embedder.modelId(), embedder.dimension());
        return embedder;
    }
}
