package com.verity.sync;

import static com.verity.sync.FolderSyncClient.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderScannerTest {

    private static final PathPatterns EVERYTHING = PathPatterns.of(List.of("**"), List.of());

    @TempDir Path root;

    private static List<String> paths(FolderScanner.Scan scan) {
        return scan.files().stream().map(FolderScanner.Found::path).toList();
    }

    @Test
    void filesAreNamedByTheirPathInTheFolderWithSlashes() {
        write(root, "top.txt", "a");
        write(root, "a/b/deep.md", "b");

        FolderScanner.Scan scan = FolderScanner.scan(root, EVERYTHING);

        assertThat(paths(scan)).containsExactlyInAnyOrder("top.txt", "a/b/deep.md");
        assertThat(scan.empty()).isFalse();
        assertThat(scan.problems()).isEmpty();
    }

    @Test
    void aDoubleStarPatternAlsoMatchesAtTheTopAndExcludedDirectoriesAreSkippedWhole() {
        write(root, "top.pdf", "a");
        write(root, "x/inner.pdf", "b");
        write(root, "x/inner.txt", "c");
        write(root, ".git/objects/blob.pdf", "d");
        write(root, "x/~$lock.pdf", "e");

        FolderScanner.Scan scan =
                FolderScanner.scan(
                        root, PathPatterns.of(List.of("**/*.pdf"), List.of("**/.*", "**/~$*")));

        assertThat(paths(scan)).containsExactlyInAnyOrder("top.pdf", "x/inner.pdf");
    }

    @Test
    void aLinkOutOfTheFolderIsReportedAndNeverReadALinkInsideIsTaken(@TempDir Path outside)
            throws Exception {
        Path secret = write(outside, "secret.txt", "not for the index");
        Path inside = write(root, "real/doc.txt", "inside");
        Files.createSymbolicLink(root.resolve("escape.txt"), secret);
        Files.createSymbolicLink(root.resolve("alias.txt"), inside);
        Files.createSymbolicLink(root.resolve("escape-dir"), outside);
        Files.createSymbolicLink(root.resolve("broken.txt"), root.resolve("nothing-here"));

        FolderScanner.Scan scan = FolderScanner.scan(root, EVERYTHING);

        assertThat(scan.files())
                .extracting(FolderScanner.Found::path, FolderScanner.Found::file)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("real/doc.txt", inside.toRealPath()),
                        org.assertj.core.groups.Tuple.tuple("alias.txt", inside.toRealPath()));
        assertThat(scan.problems())
                .extracting(FolderSyncRun.FileError::path)
                .containsExactlyInAnyOrder("escape.txt", "escape-dir", "broken.txt");
        assertThat(scan.problems())
                .filteredOn(p -> p.path().equals("escape.txt"))
                .singleElement()
                .satisfies(p -> assertThat(p.error()).contains("outside the folder"));
    }

    @Test
    void aMissingFolderOrAFileInsteadOfOneIsUnavailable() {
        Path file = write(root, "file.txt", "x");

        assertThatThrownBy(() -> FolderScanner.scan(root.resolve("gone"), EVERYTHING))
                .isInstanceOf(FolderUnavailableException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("Nothing was deleted");
        assertThatThrownBy(() -> FolderScanner.scan(file, EVERYTHING))
                .isInstanceOf(FolderUnavailableException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void aFolderWithNothingInItIsEmptyButOneWithOnlyExcludedFilesIsNot() {
        assertThat(FolderScanner.scan(root, EVERYTHING).empty()).isTrue();

        write(root, ".hidden", "x");
        FolderScanner.Scan scan =
                FolderScanner.scan(root, PathPatterns.of(List.of("**"), List.of("**/.*")));

        assertThat(scan.empty()).isFalse();
        assertThat(scan.files()).isEmpty();
    }

    @Test
    void filesUnderAnUnreadableDirectoryAreNotKnownToBeGone() {
        FolderScanner.Scan scan =
                new FolderScanner.Scan(List.of(), List.of(), List.of("private"), false);

        assertThat(scan.knownGone("private/salaries.txt")).isFalse();
        assertThat(scan.knownGone("private")).isFalse();
        assertThat(scan.knownGone("private-notes.txt")).isTrue();
        assertThat(scan.knownGone("public/faq.txt")).isTrue();
    }
}
