package com.verity.ui;

import com.verity.assistant.AskRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Questions posted from the page and not yet streamed: the browser's EventSource can only GET, so
 * the form posts the question, gets back an id, and opens the stream for that id. They live in the
 * database, so the stream may reach another instance than the post did; each is taken once, by the
 * user who posted it, and forgotten if its stream is not opened within a minute.
 */
@Component
class PendingQuestions {

    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    PendingQuestions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    UUID put(AskRequest request, long userId) {
        jdbc.sql(
                        "delete from pending_question"
                                + " where posted_at < now() - make_interval(secs => :patience)")
                .param("patience", PATIENCE.toSeconds())
                .update();
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into pending_question
                            (id, user_id, question, collection, conversation_id, model)
                        values (:id, :user, :question, :collection, :conversation, :model)
                        """)
                .param("id", id)
                .param("user", userId)
                .param("question", request.question())
                .param("collection", request.collection())
                .param("conversation", request.conversationId())
                .param("model", request.model())
                .update();
        return id;
    }

    /** The question, once, for the user who asked it; for anyone else it is not there. */
    Optional<AskRequest> take(UUID id, long userId) {
        return jdbc.sql(
                        """
                        delete from pending_question
                        where id = :id and user_id = :user
                          and posted_at >= now() - make_interval(secs => :patience)
                        returning question, collection, conversation_id, model
                        """)
                .param("id", id)
                .param("user", userId)
                .param("patience", PATIENCE.toSeconds())
                .query(
                        (rs, row) ->
                                new AskRequest(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getObject(3, UUID.class),
                                        rs.getString(4)))
                .optional();
    }
}
