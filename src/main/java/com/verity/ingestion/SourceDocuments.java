package com.verity.ingestion;

import com.verity.collection.CollectionCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents that mirror the files of a folder source (the {@code sync} module): the module's public
 * facade for it. A synced document carries its source's name and, as file name, its path in the
 * folder; its versions are its own, so a sync never replaces, skips against or deletes an upload or
 * another source's document.
 */
@Service
public class SourceDocuments {

    /** The newest version of a synced file. */
    public record SourceFile(String collection, String filename, String sha256, int version) {}

    /** What storing a file did. */
    public enum Outcome {
        /** first seen: stored as version 1 and queued */
        ADDED,
        /** other bytes than its newest version: stored as the next version and queued */
        CHANGED,
        /** the same bytes as its newest version: nothing stored */
        UNCHANGED
    }

    /**
     * @param id the document holding the file's bytes (the new one, or the newest unchanged)
     */
    public record Stored(Outcome outcome, UUID id, int version) {}

    private final CollectionCatalog collections;
    private final DocumentRepository documents;
    private final SourceFileRepository files;
    private final FileChecks checks;
    private final TransactionTemplate transactions;
    private final IngestionWorkers workers;

    SourceDocuments(
            CollectionCatalog collections,
            DocumentRepository documents,
            SourceFileRepository files,
            FileChecks checks,
            TransactionTemplate transactions,
            IngestionWorkers workers) {
        this.collections = collections;
        this.documents = documents;
        this.files = files;
        this.checks = checks;
        this.transactions = transactions;
        this.workers = workers;
    }

    /** The newest version of every file the source has stored, in any collection. */
    public List<SourceFile> files(String source) {
        return files.files(source);
    }

    /**
     * Stores a file of the source unless its newest version has the same bytes. The file passes the
     * checks of an upload (size before reading, content type); the bytes are read only when they
     * changed, and never more than the size limit of them.
     *
     * @param filename the file's path in the folder, with {@code /} separators
     * @param language the documents' language (ISO 639-1) as the source's configuration sets it;
     *     null: detected from each file's text
     * @throws com.verity.web.ProblemException when the file is refused (too large, empty, type)
     * @throws IOException when the file cannot be read
     */
    public Stored store(
            String collection,
            String source,
            String filename,
            Path file,
            List<String> accessGroups,
            String language)
            throws IOException {
        long collectionId = collections.requireId(collection);
        checks.checkSize(filename, java.nio.file.Files.size(file));
        Optional<SourceFileRepository.Latest> latest = files.latest(collectionId, source, filename);
        String sha = SourceFileReader.sha256(file, filename, checks.maxBytes());
        if (latest.isPresent() && latest.get().sha256().equals(sha)) {
            return unchanged(latest.get());
        }
        byte[] bytes = SourceFileReader.bytes(file, filename, checks.maxBytes());
        checks.checkSize(filename, bytes.length);
        String contentType = checks.contentType(filename, bytes);
        Stored stored =
                transactions.execute(
                        tx ->
                                insert(
                                        collectionId,
                                        source,
                                        filename,
                                        contentType,
                                        bytes,
                                        accessGroups,
                                        language));
        workers.wake();
        return stored;
    }

    private static Stored unchanged(SourceFileRepository.Latest latest) {
        return new Stored(Outcome.UNCHANGED, latest.id(), latest.version());
    }

    private Stored insert(
            long collectionId,
            String source,
            String filename,
            String contentType,
            byte[] bytes,
            List<String> accessGroups,
            String language) {
        String sha = Sha256.of(bytes);
        Optional<SourceFileRepository.Latest> latest = files.latest(collectionId, source, filename);
        if (latest.isPresent() && latest.get().sha256().equals(sha)) {
            return unchanged(latest.get());
        }
        UUID id = UUID.randomUUID();
        int version = latest.map(l -> l.version() + 1).orElse(1);
        documents.insert(
                new DocumentRepository.NewDocument(
                        id,
                        collectionId,
                        filename,
                        contentType,
                        new org.springframework.core.io.ByteArrayResource(bytes),
                        bytes.length,
                        sha,
                        version,
                        source,
                        accessGroups,
                        language));
        return new Stored(latest.isPresent() ? Outcome.CHANGED : Outcome.ADDED, id, version);
    }

    /**
     * Gives every document of the source these access groups (the source's configuration may have
     * changed since they were stored); their passages follow in the same transaction.
     */
    public void regroup(String source, List<String> accessGroups) {
        files.regroup(source, accessGroups);
    }

    /**
     * Deletes the files from the source's documents, every version of each; their passages leave
     * the index in the same transaction.
     *
     * @return the documents deleted
     */
    public int remove(String source, List<SourceFile> gone) {
        Integer deleted =
                transactions.execute(
                        tx ->
                                gone.stream()
                                        .mapToInt(
                                                f ->
                                                        files.delete(
                                                                f.collection(),
                                                                source,
                                                                f.filename()))
                                        .sum());
        return deleted == null ? 0 : deleted;
    }
}
