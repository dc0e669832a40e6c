package com.verity.review;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.verity.embedding.Embedder;
import com.verity.embedding.EmbeddingModels;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code verity.review.check-interval} (20 seconds), on one instance: verified answers citing
 * a document that was replaced or deleted are suspended (so within a minute of the change, and a
 * changed document is never served meanwhile: the match itself checks the versions), and answers
 * whose question was embedded by another model than the configured one are embedded again.
 */
@Configuration(proxyBeanMethods = false)
class VerifiedAnswerTasks {

    static final String CHECK = "verified-answer-check";
    private static final Logger log = LoggerFactory.getLogger(VerifiedAnswerTasks.class);

    @Bean
    Task<Void> verifiedAnswerCheck(
            VerifiedAnswerStore store, EmbeddingModels embeddings, ReviewProperties properties) {
        return Tasks.recurring(CHECK, Schedules.fixedDelay(properties.checkInterval()))
                .execute((instance, context) -> check(store, embeddings));
    }

    static void check(VerifiedAnswerStore store, EmbeddingModels embeddings) {
        int suspended = store.suspendStale();
        if (suspended > 0) {
            log.info(
                    "{} verified answers suspended: a document they cite changed or went",
                    suspended);
        }
        Embedder embedder = embeddings.configured();
        for (Map.Entry<UUID, String> answer : store.embeddedOtherwise(embedder.modelId())) {
            store.reembed(
                    answer.getKey(), embedder.modelId(), embedder.embedQuery(answer.getValue()));
        }
    }
}
