package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code java -jar verity.jar reindex ...}: starts a job, follows it, exits with its outcome. */
class ReindexCommandTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void reindexesACollectionFromTheCommandLineAndExitsZeroWhenItSucceeds() {
        Map<String, Object> database = ReindexInstances.database();
        String collection;
        try (ConfigurableApplicationContext instance =
                ReindexInstances.start(database, Map.of("verity.jobs.enabled", "false"))) {
            collection = ReindexInstances.indexedCollection(instance, 3);
            ReindexInstances.jobsWithoutLeftovers(instance);
        }
        List<String> args = new ArrayList<>(List.of("--collection", collection, "--force"));
        database.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--verity.jobs.polling-interval=300ms");

        int exit = ReindexCommand.run(VerityApplication.class, args.toArray(String[]::new), out);

        assertThat(exit).as(text()).isZero();
        assertThat(text()).contains("Re-index job", "SUCCEEDED", "3/3 documents");
    }

    @Test
    void aBadArgumentPrintsTheUsageAndExitsTwo() {
        assertThat(
                        ReindexCommand.run(
                                VerityApplication.class, new String[] {"--colection", "x"}, out))
                .isEqualTo(2);
        assertThat(text()).contains("unknown argument '--colection'", "Usage:");
        assertThat(ReindexCommand.run(VerityApplication.class, new String[] {"--collection"}, out))
                .isEqualTo(2);
        assertThat(text()).contains("--collection needs a value");
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
