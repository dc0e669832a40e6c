package com.verity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The passage index has one owner: no SQL outside the ingestion module writes {@code passage},
 * {@code document_build} or {@code index_generation}; other modules go through {@code
 * PassageIndex}.
 */
class PassageIndexOwnershipTest {

    private static final Pattern WRITE =
            Pattern.compile(
                    "(insert\\s+into|update|delete\\s+from)\\s+(passage|document_build|index_generation)\\b",
                    Pattern.CASE_INSENSITIVE);

    private static final Path SOURCES = Path.of("src/main/java/com/verity");

    @Test
    void onlyTheIngestionModuleWritesThePassageIndexTables() throws IOException {
        List<Path> writers;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            writers =
                    files.filter(file -> file.toString().endsWith(".java"))
                            .filter(PassageIndexOwnershipTest::writesTheIndex)
                            .toList();
        }

        assertThat(writers).isNotEmpty();
        assertThat(writers)
                .allSatisfy(file -> assertThat(file).startsWith(SOURCES.resolve("ingestion")));
    }

    private static boolean writesTheIndex(Path file) {
        try {
            return WRITE.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
