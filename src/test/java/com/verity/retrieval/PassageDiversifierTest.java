package com.verity.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PassageDiversifierTest {

    private static final UUID HANDBOOK = UUID.randomUUID();
    private static final UUID FAQ = UUID.randomUUID();

    private static RetrievedPassage passage(
            UUID document, long id, int start, int end, int ordinal) {
        return new RetrievedPassage(
                document,
                "f",
                "t",
                id,
                "x".repeat(end - start),
                1.0 / id,
                0.5,
                start,
                end,
                null,
                ordinal);
    }

    @Test
    void aPassageMostlyOverlappingABetterOneOfTheSameDocumentIsDropped() {
        List<RetrievedPassage> ranked =
                List.of(
                        passage(HANDBOOK, 1, 0, 1000, 0),
                        passage(HANDBOOK, 2, 100, 1100, 1),
                        passage(FAQ, 3, 100, 1100, 1),
                        passage(HANDBOOK, 4, 900, 1900, 2));

        assertThat(PassageDiversifier.diversify(ranked, 5, 10))
                .extracting(RetrievedPassage::chunkId)
                .containsExactly(1L, 3L, 4L);
    }

    @Test
    void noDocumentContributesMoreThanItsShareAndTheLimitHolds() {
        List<RetrievedPassage> ranked =
                List.of(
                        passage(HANDBOOK, 1, 0, 100, 0),
                        passage(HANDBOOK, 2, 200, 300, 2),
                        passage(HANDBOOK, 3, 400, 500, 4),
                        passage(FAQ, 4, 0, 100, 0),
                        passage(FAQ, 5, 200, 300, 2));

        assertThat(PassageDiversifier.diversify(ranked, 2, 10))
                .extracting(RetrievedPassage::chunkId)
                .containsExactly(1L, 2L, 4L, 5L);
        assertThat(PassageDiversifier.diversify(ranked, 2, 3)).hasSize(3);
    }
}
