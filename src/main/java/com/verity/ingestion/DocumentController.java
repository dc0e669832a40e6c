package com.verity.ingestion;

import com.verity.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class DocumentController {

    /**
     * Originals a browser would render as a page of ours (and run their scripts) are sent as bytes
     * to save, never as what they are.
     */
    private static final Set<String> MARKUP =
            Set.of("text/html", "application/xhtml+xml", "application/xml", "text/xml");

    private final DocumentUploads uploads;
    private final DocumentCatalog catalog;

    DocumentController(DocumentUploads uploads, DocumentCatalog catalog) {
        this.uploads = uploads;
        this.catalog = catalog;
    }

    @PostMapping(
            path = "/api/collections/{collection}/documents",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    List<UploadResult> upload(
            @PathVariable String collection,
            @RequestParam(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(name = "accessGroups", required = false) List<String> accessGroups,
            @RequestParam(name = "language", required = false) String language,
            Caller caller) {
        return uploads.upload(
                collection, files, AccessGroups.parse(accessGroups), language, caller);
    }

    @GetMapping("/api/collections/{collection}/documents")
    DocumentPage list(
            @PathVariable String collection,
            @RequestParam(required = false) DocumentStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Caller caller) {
        return catalog.page(collection, status, page, size, caller);
    }

    @GetMapping("/api/documents/{id}")
    DocumentView get(@PathVariable UUID id, Caller caller) {
        return catalog.get(id, caller);
    }

    /** The original file, always as a download, in a sandbox, never sniffed. */
    @GetMapping("/api/documents/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable UUID id, Caller caller) {
        DocumentRepository.StoredContent content = catalog.content(id, caller);
        MediaType type = MediaType.parseMediaType(content.contentType());
        return ResponseEntity.ok()
                .contentType(
                        MARKUP.contains(type.getType() + "/" + type.getSubtype())
                                ? MediaType.APPLICATION_OCTET_STREAM
                                : type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(content.filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("Content-Security-Policy", "sandbox")
                .header("X-Content-Type-Options", "nosniff")
                .body(content.bytes());
    }

    /** The document settings an editor may change. */
    record DocumentChange(List<String> accessGroups) {}

    @PatchMapping("/api/documents/{id}")
    DocumentView update(@PathVariable UUID id, @RequestBody DocumentChange change, Caller caller) {
        return catalog.setAccessGroups(id, change.accessGroups(), caller);
    }

    @DeleteMapping("/api/documents/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
        catalog.delete(id, caller);
        return ResponseEntity.noContent().build();
    }
}
