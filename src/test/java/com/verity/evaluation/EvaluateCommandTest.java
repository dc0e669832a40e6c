package com.verity.evaluation;

import static com.verity.evaluation.EvaluationFixtures.GOOD;
import static com.verity.evaluation.EvaluationFixtures.POOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import com.verity.security.Caller;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestDatabase;
import com.verity.support.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code java -jar verity.jar evaluate ...}: runs an evaluation, prints it, writes the report. */
class EvaluateCommandTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void evaluatesTwoModelsFromTheCommandLineWritesTheReportAndExitsZero(@TempDir Path folder)
            throws Exception {
        Map<String, Object> database = TestDatabase.isolatedProperties("evaluate");
        try (OllamaEmulator ollama = OllamaEmulator.start()) {
            ollama.pulled(GOOD, POOR).respondWith(EvaluationFixtures.twoModels(0));
            String collection;
            try (ConfigurableApplicationContext instance =
                    EvaluationInstances.start(database, ollama)) {
                Caller admin = TestUsers.adminCaller(instance);
                collection = EvaluationInstances.knowledgeBase(instance, admin);
                EvaluationInstances.goldenSet(instance, collection, admin);
            }
            Path report = folder.resolve("report.html");
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--collection",
                                    collection,
                                    "--golden-set",
                                    "support",
                                    "--models",
                                    GOOD + "," + POOR,
                                    "--user",
                                    TestUsers.ADMIN,
                                    "--out",
                                    report.toString()));
            database.forEach((k, v) -> args.add("--" + k + "=" + v));
            args.add("--verity.assistant.ollama.base-url=" + ollama.baseUrl());
            args.add("--verity.jobs.polling-interval=300ms");

            int exit =
                    EvaluateCommand.run(VerityApplication.class, args.toArray(String[]::new), out);

            assertThat(exit).as(text()).isZero();
            assertThat(text())
                    .contains("Evaluation", "SUCCEEDED", "20/20 answers", GOOD + ": recallAt5")
                    .contains(GOOD + " - " + POOR + " on citationValidity: 1.0");
            assertThat(Files.readString(report)).contains("<svg", "citationValidity");
        }
    }

    @Test
    void aBadArgumentPrintsTheUsageAndExitsTwo() {
        assertThat(
                        EvaluateCommand.run(
                                VerityApplication.class, new String[] {"--modles", "x"}, out))
                .isEqualTo(2);
        assertThat(text()).contains("unknown argument '--modles'", "Usage:");
        assertThat(
                        EvaluateCommand.run(
                                VerityApplication.class, new String[] {"--collection", "c"}, out))
                .isEqualTo(2);
        assertThat(text()).contains("--golden-set and --models are required");
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
