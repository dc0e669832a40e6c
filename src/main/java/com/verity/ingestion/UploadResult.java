package com.verity.ingestion;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * What happened to one uploaded file. A file whose bytes are already in the collection is not
 * stored again: {@code id} and {@code duplicateOf} name the document that holds them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResult(
        UUID id, String filename, DocumentStatus status, UUID duplicateOf, Integer version) {}
