package com.verity.sync;

import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.SourceDocuments;
import com.verity.web.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Brings a source's documents in step with its folder: read the folder -> store new and changed
 * files (unchanged ones are recognised by their SHA-256 and skipped) -> delete the documents of
 * files that are gone. A file that cannot be taken is recorded and the run goes on; a folder that
 * cannot be read as a whole stops the run before anything is deleted.
 */
@Component
class SourceSync {

    /** Counts are saved after this many files, so a long run shows its progress. */
    private static final int PROGRESS_EVERY = 100;

    private final SourceDocuments documents;
    private final CollectionCatalog collections;
    private final FolderSyncRunStore runs;

    SourceSync(SourceDocuments documents, CollectionCatalog collections, FolderSyncRunStore runs) {
        this.documents = documents;
        this.collections = collections;
        this.runs = runs;
    }

    /**
     * Syncs the source as run {@code run}.
     *
     * @param stopping asked between files; when it answers true the run stops before deleting
     * @return false when it stopped early
     * @throws FolderUnavailableException when the folder cannot be read: nothing was deleted
     */
    boolean sync(
            FolderSyncProperties.Source source,
            UUID run,
            RunTally tally,
            BooleanSupplier stopping) {
        FolderScanner.Scan scan = FolderScanner.scan(source.root(), source.patterns());
        List<SourceDocuments.SourceFile> known = documents.files(source.name());
        if (scan.empty() && !known.isEmpty() && !source.allowEmpty()) {
            throw FolderUnavailableException.empty(source.root(), known.size());
        }
        collections.ensure(source.collection(), "Documents of folder %s".formatted(source.root()));
        documents.regroup(source.name(), source.accessGroups());
        scan.problems().forEach(problem -> failed(run, tally, problem));
        Set<String> present = new HashSet<>();
        for (FolderScanner.Found file : scan.files()) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            present.add(file.path());
            store(source, run, tally, file);
            if (tally.files() % PROGRESS_EVERY == 0) {
                runs.progress(run, tally);
            }
        }
        List<SourceDocuments.SourceFile> gone =
                known.stream()
                        .filter(
                                f ->
                                        !f.collection().equals(source.collection())
                                                || (!present.contains(f.filename())
                                                        && scan.knownGone(f.filename())))
                        .toList();
        documents.remove(source.name(), gone);
        tally.removed = gone.size();
        return true;
    }

    private void store(
            FolderSyncProperties.Source source,
            UUID run,
            RunTally tally,
            FolderScanner.Found file) {
        try {
            tally.count(
                    documents
                            .store(
                                    source.collection(),
                                    source.name(),
                                    file.path(),
                                    file.file(),
                                    source.accessGroups(),
                                    source.language())
                            .outcome());
        } catch (ProblemException e) {
            failed(run, tally, new FolderSyncRun.FileError(file.path(), e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            failed(run, tally, new FolderSyncRun.FileError(file.path(), unreadable(e)));
        }
    }

    private void failed(UUID run, RunTally tally, FolderSyncRun.FileError error) {
        tally.failed++;
        runs.fileError(run, tally.failed, error);
    }

    private static String unreadable(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return "vanished while the folder was read; the next run will tell";
        }
        if (cause instanceof AccessDeniedException) {
            return "cannot be read: permission denied; its document, if any, is kept";
        }
        return "cannot be read (%s); its document, if any, is kept".formatted(cause);
    }
}
