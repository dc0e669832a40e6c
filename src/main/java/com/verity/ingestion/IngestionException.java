package com.verity.ingestion;

import com.verity.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** An upload or document request that cannot be served. */
public class IngestionException extends ProblemException {

    private IngestionException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static ProblemException noFiles() {
        return new IngestionException(
                HttpStatus.BAD_REQUEST,
                "no-files",
                "No files",
                "The request carries no files: send multipart/form-data with one part named"
                        + " 'files' per file.");
    }

    static ProblemException emptyFile(String filename) {
        return new IngestionException(
                        HttpStatus.BAD_REQUEST,
                        "empty-file",
                        "Empty file",
                        "'%s' is empty (0 bytes); nothing was stored. Check the file and upload it again."
                                .formatted(filename))
                .with("filename", filename);
    }

    static ProblemException unknownLanguage(String given) {
        return new IngestionException(
                        HttpStatus.BAD_REQUEST,
                        "unknown-language",
                        "Unknown language",
                        ("'%s' is not a language Verity indexes. Give an ISO 639-1 code: %s; or"
                                        + " leave 'language' out to have it detected.")
                                .formatted(given, com.verity.language.Language.codes()))
                .with("language", given);
    }

    static ProblemException missingFilename() {
        return new IngestionException(
                HttpStatus.BAD_REQUEST,
                "missing-filename",
                "File name missing",
                "Every 'files' part needs a filename in its Content-Disposition header.");
    }

    static ProblemException tooLarge(String filename, long size, long limit) {
        return new IngestionException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "file-too-large",
                        "File too large",
                        ("'%s' has %d bytes, more than the limit of %d bytes"
                                        + " (verity.ingestion.max-file-size); split it or ask an admin"
                                        + " to raise the limit.")
                                .formatted(filename, size, limit))
                .with("filename", filename);
    }

    static ProblemException unsupportedType(String filename, String contentType) {
        return new IngestionException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-content-type",
                        "Unsupported content type",
                        ("'%s' is %s, which Verity does not index. Supported: PDF, Word, PowerPoint,"
                                        + " Excel, OpenDocument, RTF, HTML, XML, Markdown, plain text,"
                                        + " CSV, e-mail (.eml, .msg) and images (PNG, JPEG, TIFF; read"
                                        + " by OCR).")
                                .formatted(filename, contentType))
                .with("filename", filename)
                .with("contentType", contentType);
    }

    static ProblemException undetectableType(String filename) {
        return new IngestionException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "undetectable-content-type",
                        "Content type not recognised",
                        ("The content of '%s' could not be recognised as any supported format;"
                                        + " export it as PDF, Word, HTML, Markdown or plain text.")
                                .formatted(filename))
                .with("filename", filename);
    }

    static ProblemException contentMismatch(String filename, String byName, String byContent) {
        return new IngestionException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "content-type-mismatch",
                        "Content does not match file extension",
                        ("'%s' is named like %s but its content is %s; it was rejected rather than"
                                        + " guessed. Rename it with the right extension or re-export it.")
                                .formatted(filename, byName, byContent))
                .with("filename", filename)
                .with("typeByName", byName)
                .with("typeByContent", byContent);
    }

    static ProblemException invalidPage(int maxSize) {
        return new IngestionException(
                HttpStatus.BAD_REQUEST,
                "invalid-page",
                "Invalid page",
                "page must be 0 or more and size between 1 and %d.".formatted(maxSize));
    }

    static ProblemException nameTaken(String filename) {
        return new IngestionException(
                        HttpStatus.CONFLICT,
                        "filename-taken",
                        "File name taken",
                        ("The collection already holds a document named '%s' that you may not"
                                        + " replace; upload the file under another name, or ask an"
                                        + " editor who may read that document.")
                                .formatted(filename))
                .with("filename", filename);
    }

    static ProblemException notEditable(String collection) {
        return new IngestionException(
                HttpStatus.FORBIDDEN,
                "collection-not-editable",
                "Collection not editable",
                ("You may read the collection '%s' but not change its documents; ask an admin to add"
                                + " you to its editors.")
                        .formatted(collection));
    }

    static ProblemException groupsExcludeCaller(
            java.util.Collection<String> groups, java.util.Collection<String> yours) {
        return new IngestionException(
                        HttpStatus.BAD_REQUEST,
                        "access-groups-exclude-you",
                        "You would lose access",
                        ("You are in none of the groups %s, so the document would be hidden from you."
                                        + " Include one of your groups %s, or ask an admin.")
                                .formatted(groups, yours.stream().sorted().toList()))
                .with("accessGroups", groups);
    }

    static ProblemException documentNotFound(UUID id) {
        return new IngestionException(
                HttpStatus.NOT_FOUND,
                "document-not-found",
                "Document not found",
                "There is no document with id %s; it may have been deleted or replaced by a newer version."
                        .formatted(id));
    }

    static ProblemException passageNotFound(long chunkId) {
        return new IngestionException(
                HttpStatus.NOT_FOUND,
                "passage-not-found",
                "Passage not found",
                "There is no passage %d in the serving index; search again for its current id."
                        .formatted(chunkId));
    }

    static ProblemException rangeOutside(UUID document, int start, int end, int length) {
        return new IngestionException(
                HttpStatus.BAD_REQUEST,
                "range-outside-document",
                "Range outside the document",
                "The range %d-%d is not in document %s (its text has %d characters, and the range must fall in an indexed passage)."
                        .formatted(start, end, document, length));
    }
}
