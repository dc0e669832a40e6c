package com.verity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * eval/sample/ holds the evaluation tests' own fixtures for users to try: the same documents and
 * golden set, and a golden set the service accepts.
 */
class SampleGoldenSetTest {

    private static final Path SAMPLE = Path.of("eval", "sample");

    @Test
    void theSampleIsTheTestsKnowledgeBaseAndGoldenSet() throws IOException {
        for (Map.Entry<String, String> document : EvaluationFixtures.DOCUMENTS.entrySet()) {
            assertThat(
                            Files.readString(SAMPLE.resolve("documents").resolve(document.getKey()))
                                    .strip())
                    .isEqualTo(document.getValue().strip());
        }
        String golden =
                Files.readString(SAMPLE.resolve("golden-set.jsonl"), StandardCharsets.UTF_8);
        assertThat(golden.strip()).isEqualTo(EvaluationFixtures.GOLDEN_SET.strip());

        List<GoldenItem> items =
                new GoldenSetFile(JsonMapper.builder().build())
                        .read(golden, GoldenSetFile.Format.JSONL);

        assertThat(items).hasSize(EvaluationFixtures.QUESTIONS);
        assertThat(items).filteredOn(i -> !i.answerable()).hasSize(2);
    }
}
