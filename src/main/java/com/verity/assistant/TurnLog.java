package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes conversations and their turns. Each turn is the audit record of one answer, with the
 * documents it drew on and their access groups at the time; a NOT_FOUND turn also becomes a content
 * gap for the collection's editors. Ratings are the conversation owner's.
 */
@Repository
class TurnLog {

    private final JdbcClient jdbc;
    private final TurnJson json;

    TurnLog(JdbcClient jdbc, TurnJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records a turn, and a content gap when it was NOT_FOUND, in one transaction; returns the
     * turn's number in its conversation.
     */
    @Transactional
    int record(
            Question question,
            Answer answer,
            Double bestSimilarity,
            List<ModelAttempt> attempts,
            UUID verifiedAnswer) {
        if (question.newConversation()) {
            jdbc.sql(
                            """
                            insert into conversation (id, collection_id, owner_id)
                            values (:id, :collection, :owner)
                            """)
                    .param("id", answer.conversationId())
                    .param("collection", question.collectionId())
                    .param("owner", question.caller().userId())
                    .update();
        }
        jdbc.sql("select 1 from conversation where id = :id for update")
                .param("id", answer.conversationId())
                .query()
                .singleValue();
        UUID[] documents =
                answer.passages().stream()
                        .map(RetrievedPassage::documentId)
                        .distinct()
                        .toArray(UUID[]::new);
        long[] turn =
                jdbc.sql(
                                """
                                insert into turn (conversation_id, ordinal, question, standalone_question,
                                                  answer, mode, notice, model, prompt_version, passages,
                                                  citations, unsupported, best_similarity, prompt_tokens,
                                                  answer_tokens, retrieval_ms, first_token_ms,
                                                  generation_ms, total_ms, document_ids, access_groups,
                                                  attempts, escalated, verified_answer_id)
                                values (:conversation,
                                        (select coalesce(max(ordinal), 0) + 1 from turn
                                         where conversation_id = :conversation),
                                        :question, :standalone, :answer, :mode, :notice, :model,
                                        :promptVersion, cast(:passages as jsonb),
                                        cast(:citations as jsonb), cast(:unsupported as jsonb),
                                        :similarity, :promptTokens, :answerTokens, :retrievalMs,
                                        :firstTokenMs, :generationMs, :totalMs,
                                        cast(:documents as uuid[]),
                                        (select coalesce(jsonb_agg(distinct to_jsonb(d.access_groups)),
                                                         '[]')
                                         from document d
                                         where d.id = any(cast(:documents as uuid[]))
                                           and cardinality(d.access_groups) > 0),
                                        cast(:attempts as jsonb), :escalated, :verified)
                                returning id, ordinal
                                """)
                        .param("conversation", answer.conversationId())
                        .param("question", question.text())
                        .param("standalone", answer.standaloneQuestion())
                        .param("answer", answer.answer())
                        .param("mode", answer.mode().name())
                        .param("notice", answer.notice())
                        .param("model", answer.model())
                        .param("promptVersion", answer.promptVersion())
                        .param("passages", json.write(answer.passages()))
                        .param("citations", json.write(answer.citations()))
                        .param("unsupported", json.write(answer.unsupported()))
                        .param("similarity", bestSimilarity)
                        .param("promptTokens", sum(attempts, Generation::promptTokens))
                        .param("answerTokens", sum(attempts, Generation::answerTokens))
                        .param("retrievalMs", answer.timings().retrievalMs())
                        .param("firstTokenMs", answer.timings().firstTokenMs())
                        .param("generationMs", answer.timings().generationMs())
                        .param("totalMs", answer.timings().totalMs())
                        .param("documents", documents)
                        .param(
                                "attempts",
                                json.write(attempts.stream().map(ModelAttempt::stored).toList()))
                        .param("escalated", answer.escalated())
                        .param("verified", verifiedAnswer)
                        .query((rs, row) -> new long[] {rs.getLong(1), rs.getInt(2)})
                        .single();
        for (ModelAttempt attempt : attempts) {
            countUsage(question.collectionId(), attempt);
        }
        jdbc.sql("update conversation set updated_at = now() where id = :id")
                .param("id", answer.conversationId())
                .update();
        if (answer.mode() == AnswerMode.NOT_FOUND) {
            jdbc.sql(
                            """
                            insert into content_gap (collection_id, turn_id, question, best_similarity)
                            values (:collection, :turn, :question, :similarity)
                            """)
                    .param("collection", question.collectionId())
                    .param("turn", turn[0])
                    .param(
                            "question",
                            answer.standaloneQuestion() != null
                                    ? answer.standaloneQuestion()
                                    : question.text())
                    .param("similarity", bestSimilarity)
                    .update();
        }
        return (int) turn[1];
    }

    /** The tokens of every attempt that reported them; null when none did. */
    private static Integer sum(
            List<ModelAttempt> attempts, java.util.function.Function<Generation, Integer> count) {
        Integer total = null;
        for (ModelAttempt attempt : attempts) {
            Integer n = attempt.generation() == null ? null : count.apply(attempt.generation());
            if (n != null) {
                total = (total == null ? 0 : total) + n;
            }
        }
        return total;
    }

    /** Adds one model call to the day's usage of its model in the collection. */
    private void countUsage(long collectionId, ModelAttempt attempt) {
        Generation generation = attempt.generation();
        if (generation == null) {
            return;
        }
        jdbc.sql(
                        """
                        insert into model_usage (day, collection_id, model, answers, prompt_tokens,
                                                 completion_tokens, generation_ms)
                        values (current_date, :collection, :model, 1, :prompt, :completion, :ms)
                        on conflict (day, collection_id, model) do update
                        set answers = model_usage.answers + 1,
                            prompt_tokens = model_usage.prompt_tokens + excluded.prompt_tokens,
                            completion_tokens = model_usage.completion_tokens + excluded.completion_tokens,
                            generation_ms = model_usage.generation_ms + excluded.generation_ms
                        """)
                .param("collection", collectionId)
                .param("model", attempt.model())
                .param("prompt", generation.promptTokens() == null ? 0 : generation.promptTokens())
                .param(
                        "completion",
                        generation.answerTokens() == null ? 0 : generation.answerTokens())
                .param("ms", attempt.generationMs() == null ? 0 : attempt.generationMs())
                .update();
    }

    /**
     * Rates a turn of the owner's conversation: +1 helpful, -1 not; false when the owner has no
     * such turn.
     */
    boolean rate(UUID conversation, int ordinal, long ownerId, int rating, String comment) {
        return jdbc.sql(
                                """
                                update turn set rating = :rating, rating_comment = :comment, rated_at = now()
                                where conversation_id = :conversation and ordinal = :ordinal
                                  and exists (select 1 from conversation v
                                              where v.id = :conversation and v.owner_id = :owner)
                                """)
                        .param("rating", rating)
                        .param("comment", comment)
                        .param("conversation", conversation)
                        .param("ordinal", ordinal)
                        .param("owner", ownerId)
                        .update()
                > 0;
    }
}
