package com.verity.ui;

import com.verity.assistant.Question;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Questions posted from the page and not yet streamed: the browser's EventSource can only GET, so
 * the form posts the question, gets back an id, and opens the stream for that id. Each is taken
 * once, and forgotten if its stream is not opened within a minute.
 */
@Component
class PendingQuestions {

    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private record Pending(Question question, long postedAt) {}

    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();

    UUID put(Question question) {
        long now = System.nanoTime();
        pending.values().removeIf(p -> now - p.postedAt() > PATIENCE.toNanos());
        UUID id = UUID.randomUUID();
        pending.put(id, new Pending(question, now));
        return id;
    }

    /** The question, once, for the user who asked it; for anyone else it is not there. */
    Optional<Question> take(UUID id, long userId) {
        Pending[] taken = new Pending[1];
        pending.computeIfPresent(
                id,
                (key, question) -> {
                    if (question.question().caller().userId() != userId) {
                        return question;
                    }
                    taken[0] = question;
                    return null;
                });
        return Optional.ofNullable(taken[0]).map(Pending::question);
    }
}
