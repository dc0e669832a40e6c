package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class GenerationSlotsTest {

    @Test
    void beyondTheSlotsAndTheLineQuestionsAreRefusedAtOnceWithRetryAfter() {
        GenerationSlots slots = new GenerationSlots(properties(1, 0, Duration.ofSeconds(20)));
        try (GenerationSlots.Slot held = slots.acquire()) {
            long started = System.nanoTime();
            assertThatThrownBy(slots::acquire)
                    .isInstanceOfSatisfying(
                            AssistantException.class,
                            e -> {
                                assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                                assertThat(e.headers()).containsKey("Retry-After");
                            });
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(1));
        }
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void aQuestionWaitingTooLongGets503AndLeavesTheLine() {
        GenerationSlots slots = new GenerationSlots(properties(1, 1, Duration.ofMillis(200)));
        try (GenerationSlots.Slot held = slots.acquire()) {
            assertThatThrownBy(slots::acquire)
                    .isInstanceOfSatisfying(
                            AssistantException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            assertThat(slots.waiting()).isZero();
        }
    }

    @Test
    void aFreedSlotIsTakenByTheNextInLine() throws Exception {
        GenerationSlots slots = new GenerationSlots(properties(1, 1, Duration.ofSeconds(5)));
        GenerationSlots.Slot held = slots.acquire();
        Thread waiter = new Thread(() -> slots.acquire().close());
        waiter.start();
        Thread.sleep(100);
        held.close();
        waiter.join(2000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(slots.inUse()).isZero();
    }

    private static AssistantProperties properties(int slots, int waiting, Duration maxWait) {
        AssistantProperties p = CitationCheckerTest.properties();
        return CitationCheckerTest.properties(
                p.contextTokens(), p.answerTokens(), slots, waiting, maxWait, p.promptsDir());
    }
}
