package com.verity.ingestion;

import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading, re-grouping and deleting documents: the module's public facade for other modules and the
 * UI. A document the caller may not open (its collection, or its access groups) is answered as if
 * it did not exist; admins open every document, to manage it.
 */
@Service
public class DocumentCatalog {

    private static final int MAX_PAGE_SIZE = 500;

    private final CollectionCatalog collections;
    private final DocumentRepository documents;
    private final AccessGroups groups;
    private final AuditLog audit;

    DocumentCatalog(
            CollectionCatalog collections,
            DocumentRepository documents,
            AccessGroups groups,
            AuditLog audit) {
        this.collections = collections;
        this.documents = documents;
        this.groups = groups;
        this.audit = audit;
    }

    public DocumentPage page(
            String collection, DocumentStatus status, int page, int size, Caller caller) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw IngestionException.invalidPage(MAX_PAGE_SIZE);
        }
        long collectionId = collections.requireReadable(collection, caller);
        long total = documents.count(collectionId, status, caller);
        return new DocumentPage(
                documents.page(collectionId, status, page, size, caller),
                new DocumentPage.PageInfo(page, size, total, (total + size - 1) / size));
    }

    public DocumentView get(UUID id, Caller caller) {
        return documents
                .find(id, caller)
                .orElseThrow(() -> IngestionException.documentNotFound(id));
    }

    /** The text extracted from a document, which passage offsets point into. */
    public String extractedText(UUID id, Caller caller) {
        get(id, caller);
        return documents.text(id, caller).orElse("");
    }

    /** An indexed passage by its id, if the caller may open its document (404 otherwise). */
    public PassageRef passage(long chunkId, Caller caller) {
        return documents
                .passage(chunkId, null, null, caller)
                .orElseThrow(() -> IngestionException.passageNotFound(chunkId));
    }

    /**
     * The range {@code start} to {@code end} of a document's extracted text, with the passage its
     * start falls in (404 when the caller may not open the document or the range is not in it).
     */
    public PassageRef excerpt(UUID documentId, int start, int end, Caller caller) {
        String text = extractedText(documentId, caller);
        if (start < 0 || end <= start || end > text.length()) {
            throw IngestionException.rangeOutside(documentId, start, end, text.length());
        }
        PassageRef passage =
                documents
                        .passage(null, documentId, start, caller)
                        .orElseThrow(
                                () ->
                                        IngestionException.rangeOutside(
                                                documentId, start, end, text.length()));
        return new PassageRef(
                passage.chunkId(),
                documentId,
                passage.collectionId(),
                passage.filename(),
                passage.title(),
                passage.section(),
                text.substring(start, end),
                start,
                end,
                passage.version(),
                passage.accessGroups());
    }

    /** A document's passages in the active index generation, in document order. */
    public List<PassageView> passages(UUID id, Caller caller) {
        get(id, caller);
        return documents.passages(id, caller);
    }

    DocumentRepository.StoredContent content(UUID id, Caller caller) {
        return documents
                .content(id, caller)
                .orElseThrow(() -> IngestionException.documentNotFound(id));
    }

    /** Whether the caller may change or delete the document (its collection's editors). */
    public boolean editable(UUID id, Caller caller) {
        return documents.editableCollection(id, caller).isPresent();
    }

    /** Deletes a document; its passages leave the index in the same transaction. */
    @Transactional
    public void delete(UUID id, Caller caller) {
        DocumentView document = requireEditable(id, caller);
        if (!documents.delete(id)) {
            throw IngestionException.documentNotFound(id);
        }
        audit.record(
                AuditType.DOCUMENT_DELETED,
                caller,
                id.toString(),
                Map.of("collection", document.collection(), "filename", document.filename()));
    }

    /**
     * Sets who may read the document: members of one of these groups (empty: every reader of the
     * collection). Its passages follow in the same transaction, so search sees the new groups the
     * moment the change is committed. Null changes nothing (but still needs the right to).
     */
    @Transactional
    public DocumentView setAccessGroups(UUID id, List<String> accessGroups, Caller caller) {
        DocumentView document = requireEditable(id, caller);
        if (accessGroups == null) {
            return document;
        }
        List<String> checked = groups.check(accessGroups, caller);
        documents.updateAccessGroups(id, checked);
        audit.record(
                AuditType.ACCESS_CHANGED,
                caller,
                "document:" + id,
                Map.of(
                        "collection", document.collection(),
                        "filename", document.filename(),
                        "from", document.accessGroups(),
                        "to", checked));
        return get(id, caller);
    }

    private DocumentView requireEditable(UUID id, Caller caller) {
        DocumentView document = get(id, caller);
        if (documents.editableCollection(id, caller).isEmpty()) {
            throw IngestionException.notEditable(document.collection());
        }
        return document;
    }
}
