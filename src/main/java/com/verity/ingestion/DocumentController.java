package com.verity.ingestion;

import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class DocumentController {

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
            @RequestParam(name = "files", required = false) List<MultipartFile> files) {
        return uploads.upload(collection, files);
    }

    @GetMapping("/api/collections/{collection}/documents")
    DocumentPage list(
            @PathVariable String collection,
            @RequestParam(required = false) DocumentStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return catalog.page(collection, status, page, size);
    }

    @GetMapping("/api/documents/{id}")
    DocumentView get(@PathVariable UUID id) {
        return catalog.get(id);
    }

    @GetMapping("/api/documents/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable UUID id) {
        DocumentRepository.StoredContent content = catalog.content(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(
                                        content.filename(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(content.bytes());
    }

    @DeleteMapping("/api/documents/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        catalog.delete(id);
        return ResponseEntity.noContent().build();
    }
}
