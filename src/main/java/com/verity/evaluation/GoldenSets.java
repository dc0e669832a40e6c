package com.verity.evaluation;

import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * A collection's golden sets: questions with what a right answer draws on, uploaded as JSON lines
 * or CSV by its editors (and admins). A golden set of a collection the caller may not edit is
 * answered as if it did not exist. The module's public facade for golden sets.
 */
@Service
public class GoldenSets {

    static final int MAX_NAME_LENGTH = 100;
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    private final CollectionCatalog collections;
    private final GoldenSetRepository repository;
    private final GoldenSetFile files;
    private final AuditLog audit;

    GoldenSets(
            CollectionCatalog collections,
            GoldenSetRepository repository,
            JsonMapper json,
            AuditLog audit) {
        this.collections = collections;
        this.repository = repository;
        this.files = new GoldenSetFile(json);
        this.audit = audit;
    }

    @Transactional
    public GoldenSetView create(String collection, String name, MultipartFile file, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        String checkedName = checkName(name);
        if (file == null || file.isEmpty()) {
            throw EvaluationException.invalid(
                    "Send the questions as a multipart part named 'file' (.jsonl or .csv).");
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            throw EvaluationException.invalid(
                    "The file has %d bytes; a golden set file takes at most %d MB: split it."
                            .formatted(file.getSize(), MAX_FILE_BYTES / (1024 * 1024)));
        }
        List<GoldenItem> items = files.read(text(file), format(file));
        if (repository.nameTaken(collectionId, checkedName)) {
            throw EvaluationException.nameTaken(checkedName, collection);
        }
        UUID id = UUID.randomUUID();
        repository.insert(id, collectionId, checkedName, caller.username(), items);
        audit.record(
                AuditType.GOLDEN_SET_CREATED,
                caller,
                collection + "/" + checkedName,
                Map.of("id", id.toString(), "items", items.size()));
        return repository.find(id).orElseThrow().view();
    }

    public List<GoldenSetView> list(String collection, Caller caller) {
        return repository.list(collections.requireEditable(collection, caller));
    }

    public GoldenSetView get(UUID id, Caller caller) {
        return require(id, caller).view();
    }

    public List<GoldenItem> items(UUID id, Caller caller) {
        require(id, caller);
        return repository.items(id);
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        GoldenSetRepository.Stored stored = require(id, caller);
        repository.delete(id);
        audit.record(
                AuditType.GOLDEN_SET_DELETED,
                caller,
                stored.view().collection() + "/" + stored.view().name(),
                Map.of("id", id.toString()));
    }

    private GoldenSetRepository.Stored require(UUID id, Caller caller) {
        return repository
                .find(id)
                .filter(stored -> collections.editable(stored.collectionId(), caller))
                .orElseThrow(() -> EvaluationException.notFound(id));
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw EvaluationException.invalid("Name the golden set: send a form field 'name'.");
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH
                || stripped.chars().anyMatch(Character::isISOControl)) {
            throw EvaluationException.invalid(
                    "A golden set's name is at most %d characters, without control characters."
                            .formatted(MAX_NAME_LENGTH));
        }
        return stripped;
    }

    /** CSV by a .csv name or a text/csv type; JSON lines by a .jsonl name or a JSON lines type. */
    private static GoldenSetFile.Format format(MultipartFile file) {
        String filename =
                file.getOriginalFilename() == null
                        ? ""
                        : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        String type =
                file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
        if (filename.endsWith(".csv") || type.startsWith("text/csv")) {
            return GoldenSetFile.Format.CSV;
        }
        if (filename.endsWith(".jsonl")
                || filename.endsWith(".ndjson")
                || type.startsWith("application/jsonl")
                || type.startsWith("application/x-ndjson")
                || type.startsWith("application/x-jsonlines")
                || type.startsWith("application/jsonlines")) {
            return GoldenSetFile.Format.JSONL;
        }
        throw EvaluationException.invalid(
                "Send JSON lines (a .jsonl file, or type application/jsonl) or CSV (a .csv file,"
                        + " or type text/csv); '%s' (%s) is neither."
                                .formatted(file.getOriginalFilename(), file.getContentType()));
    }

    private static String text(MultipartFile file) {
        try {
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(file.getBytes()))
                            .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw EvaluationException.invalid("The file is not UTF-8 text; save it as UTF-8.");
        } catch (IOException e) {
            throw EvaluationException.invalid("The file could not be read: " + e.getMessage());
        }
    }
}
