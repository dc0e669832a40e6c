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

    @Test
    void backgroundWorkHoldsOnlyItsShareOfTheSlotsAndLeavesThemToQuestions() throws Exception {
        GenerationSlots slots = new GenerationSlots(properties(2, 4, Duration.ofMillis(300)));
        GenerationSlots.Slot background = slots.acquireBackground(0.5);

        assertThatThrownBy(() -> slots.acquireBackground(0.5))
                .as("a second background slot is beyond a half share of two")
                .isInstanceOfSatisfying(
                        AssistantException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        try (GenerationSlots.Slot question = slots.acquire()) {
            assertThat(slots.inUse()).isEqualTo(2);
        }
        background.close();

        GenerationSlots.Slot first = slots.acquire();
        GenerationSlots.Slot second = slots.acquire();
        Thread waitingQuestion = new Thread(() -> slots.acquire().close());
        waitingQuestion.start();
        Thread.sleep(50);
        Thread backgroundWork = new Thread(() -> slots.acquireBackground(1).close());
        backgroundWork.start();
        Thread.sleep(50);
        first.close();
        waitingQuestion.join(2000);
        assertThat(waitingQuestion.isAlive())
                .as("the waiting question got the freed slot before the background work")
                .isFalse();
        backgroundWork.join(2000);
        second.close();
        assertThat(slots.inUse()).isZero();
    }

    private static AssistantProperties properties(int slots, int waiting, Duration maxWait) {
        AssistantProperties p = CitationCheckerTest.properties();
        return CitationCheckerTest.properties(
                p.contextTokens(), p.answerTokens(), slots, waiting, maxWait, p.promptsDir());
    }
}
