package com.verity.ingestion;

import com.verity.collection.CollectionCatalog;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reading and deleting documents: the module's public facade for other modules and the UI. */
@Service
public class DocumentCatalog {

    private static final int MAX_PAGE_SIZE = 500;

    private final CollectionCatalog collections;
    private final DocumentRepository documents;

    DocumentCatalog(CollectionCatalog collections, DocumentRepository documents) {
        this.collections = collections;
        this.documents = documents;
    }

    public DocumentPage page(String collection, DocumentStatus status, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw IngestionException.invalidPage(MAX_PAGE_SIZE);
        }
        long collectionId = collections.requireId(collection);
        long total = documents.count(collectionId, status);
        return new DocumentPage(
                documents.page(collectionId, status, page, size),
                new DocumentPage.PageInfo(page, size, total, (total + size - 1) / size));
    }

    public DocumentView get(UUID id) {
        return documents.find(id).orElseThrow(() -> IngestionException.documentNotFound(id));
    }

    /** The text extracted from a document, which passage offsets point into. */
    public String extractedText(UUID id) {
        get(id);
        return documents.text(id).orElse("");
    }

    /** A document's passages in the active index generation, in document order. */
    public List<PassageView> passages(UUID id) {
        get(id);
        return documents.passages(id);
    }

    DocumentRepository.StoredContent content(UUID id) {
        return documents.content(id).orElseThrow(() -> IngestionException.documentNotFound(id));
    }

    /** Deletes a document; its passages leave the index in the same transaction. */
    public void delete(UUID id) {
        if (!documents.delete(id)) {
            throw IngestionException.documentNotFound(id);
        }
    }
}
