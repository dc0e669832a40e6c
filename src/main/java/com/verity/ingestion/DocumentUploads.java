package com.verity.ingestion;

import com.verity.collection.CollectionCatalog;
import com.verity.language.Language;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Accepts uploaded files into a collection. Every file is checked before anything is stored, then
 * all are stored in one transaction: when the caller gets its answer, the bytes are committed and
 * queued for indexing, and nothing can lose them.
 */
@Service
class DocumentUploads {

    private final CollectionCatalog collections;
    private final DocumentRepository documents;
    private final FileChecks checks;
    private final TransactionTemplate transactions;
    private final IngestionWorkers workers;
    private final AccessGroups groups;
    private final AuditLog audit;

    DocumentUploads(
            CollectionCatalog collections,
            DocumentRepository documents,
            FileChecks checks,
            TransactionTemplate transactions,
            IngestionWorkers workers,
            AccessGroups groups,
            AuditLog audit) {
        this.collections = collections;
        this.documents = documents;
        this.checks = checks;
        this.transactions = transactions;
        this.workers = workers;
        this.groups = groups;
        this.audit = audit;
    }

    /** A checked upload: its bytes stay in the multipart's temporary file until they are stored. */
    private record CheckedFile(
            String filename, String contentType, MultipartFile content, long size, String sha256) {}

    /**
     * Stores the files as new documents (or new versions) of the collection.
     *
     * @param accessGroups the groups that may read them; null: a new version keeps its previous
     *     version's groups, a new file has none (every reader of the collection)
     */
    List<UploadResult> upload(
            String collection,
            List<MultipartFile> files,
            List<String> accessGroups,
            Caller caller) {
        return upload(collection, files, accessGroups, null, caller);
    }

    /**
     * As {@link #upload(String, List, List, Caller)}, in a language the uploader chose.
     *
     * @param language ISO 639-1 code of the files' language; null or blank: detected from each
     *     file's text
     */
    List<UploadResult> upload(
            String collection,
            List<MultipartFile> files,
            List<String> accessGroups,
            String language,
            Caller caller) {
        String chosen =
                language == null || language.isBlank()
                        ? null
                        : Language.ofCode(language)
                                .map(Language::code)
                                .orElseThrow(() -> IngestionException.unknownLanguage(language));
        long collectionId = collections.requireEditable(collection, caller);
        if (files == null || files.isEmpty()) {
            throw IngestionException.noFiles();
        }
        List<String> given = accessGroups == null ? null : groups.check(accessGroups, caller);
        List<CheckedFile> checked = files.stream().map(this::check).toList();
        List<UploadResult> results =
                transactions.execute(
                        tx -> {
                            List<UploadResult> stored =
                                    store(collectionId, checked, given, chosen, caller);
                            audit.record(
                                    AuditType.DOCUMENTS_UPLOADED,
                                    caller,
                                    collection,
                                    java.util.Map.of(
                                            "files",
                                            stored.stream().map(UploadResult::filename).toList()));
                            return stored;
                        });
        workers.wake();
        return results;
    }

    private CheckedFile check(MultipartFile file) {
        String filename = file.getOriginalFilename();
        if (filename == null || filename.isBlank()) {
            throw IngestionException.missingFilename();
        }
        filename = baseName(filename);
        checks.checkSize(filename, file.getSize());
        String contentType = checks.contentType(filename, file);
        return new CheckedFile(filename, contentType, file, file.getSize(), sha256(file));
    }

    private List<UploadResult> store(
            long collectionId,
            List<CheckedFile> files,
            List<String> accessGroups,
            String language,
            Caller caller) {
        List<UploadResult> results = new ArrayList<>();
        for (CheckedFile file : files) {
            Optional<DocumentView> same =
                    documents.findSameContent(collectionId, file.sha256(), caller);
            if (same.isPresent()) {
                DocumentView existing = same.get();
                results.add(
                        new UploadResult(
                                existing.id(),
                                file.filename(),
                                existing.status(),
                                existing.id(),
                                existing.version()));
                continue;
            }
            Optional<DocumentRepository.LatestUpload> latest =
                    documents.latestUpload(collectionId, file.filename(), caller);
            if (latest.isPresent() && !latest.get().openable()) {
                // a new version would replace a document the caller may not read
                throw IngestionException.nameTaken(file.filename());
            }
            UUID id = UUID.randomUUID();
            int version = latest.map(l -> l.version() + 1).orElse(1);
            documents.insert(
                    new DocumentRepository.NewDocument(
                            id,
                            collectionId,
                            file.filename(),
                            file.contentType(),
                            file.content(),
                            file.size(),
                            file.sha256(),
                            version,
                            null,
                            accessGroups != null
                                    ? accessGroups
                                    : latest.map(DocumentRepository.LatestUpload::accessGroups)
                                            .orElse(List.of()),
                            language));
            results.add(
                    new UploadResult(id, file.filename(), DocumentStatus.QUEUED, null, version));
        }
        return results;
    }

    /** Browsers may send a path; only the name is kept. */
    private static String baseName(String filename) {
        String name = filename.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).strip();
    }

    /** Hashed as a stream, in blocks. */
    private static String sha256(MultipartFile file) {
        try (java.io.InputStream in = file.getInputStream()) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not read upload " + file.getOriginalFilename(), e);
        }
    }
}
