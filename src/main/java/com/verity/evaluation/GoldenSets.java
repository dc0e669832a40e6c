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
    static final int DEFAULT_FEEDBACK_LIMIT = 500;
    static final int DEFAULT_DRAFTS = 10;
    static final int MAX_DRAFTS = 50;

    private final CollectionCatalog collections;
    private final GoldenSetRepository repository;
    private final GoldenSetFile files;
    private final AuditLog audit;
    private final GoldenSetDrafts drafts;
    private final ModelChecks models;

    GoldenSets(
            CollectionCatalog collections,
            GoldenSetRepository repository,
            JsonMapper json,
            AuditLog audit,
            GoldenSetDrafts drafts,
            ModelChecks models) {
        this.drafts = drafts;
        this.models = models;
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
        return store(collectionId, collection, checkedName, items, "upload", caller);
    }

    /**
     * A golden set of the answers agents rated helpful (newest first, at most {@code limit}) whose
     * every claim checks: each question with the documents its answer cites and the answer as the
     * reference.
     */
    @Transactional
    public GoldenSetView fromFeedback(
            String collection, String name, Integer limit, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        String checkedName = checkName(name);
        int most = limit == null ? DEFAULT_FEEDBACK_LIMIT : limit;
        if (most < 1 || most > GoldenSetFile.MAX_ITEMS) {
            throw EvaluationException.invalid(
                    "'limit' must be between 1 and %d.".formatted(GoldenSetFile.MAX_ITEMS));
        }
        List<GoldenItem> items = drafts.fromFeedback(collection, most, caller);
        if (items.isEmpty()) {
            throw EvaluationException.invalid(
                    "No answer in '%s' is rated helpful with all its claims supported yet: agents rate answers on the Ask page."
                            .formatted(collection));
        }
        return store(collectionId, collection, checkedName, items, "feedback", caller);
    }

    /**
     * Draft questions written by {@code model} from {@code count} passages of the collection picked
     * at random (the same for the same {@code seed}), for an editor to review and edit.
     */
    @Transactional
    public GoldenSetView generate(
            String collection, String name, String model, Integer count, Long seed, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        String checkedName = checkName(name);
        int wanted = count == null ? DEFAULT_DRAFTS : count;
        if (wanted < 1 || wanted > MAX_DRAFTS) {
            throw EvaluationException.invalid(
                    "'count' must be between 1 and %d: each draft is one model call."
                            .formatted(MAX_DRAFTS));
        }
        if (model == null || model.isBlank()) {
            throw EvaluationException.invalid("Name the 'model' that drafts the questions.");
        }
        if (repository.nameTaken(collectionId, checkedName)) {
            throw EvaluationException.nameTaken(checkedName, collection);
        }
        models.requireReady(List.of(model.strip()));
        List<GoldenItem> items =
                drafts.generate(
                        collection,
                        model.strip(),
                        wanted,
                        seed == null ? System.nanoTime() : seed,
                        caller);
        if (items.isEmpty()) {
            throw EvaluationException.invalid(
                    "The model drafted no usable question (the collection may have no passage long enough, or the model ignored the format): see the service log.");
        }
        return store(
                collectionId,
                collection,
                checkedName,
                items,
                "generated by " + model.strip(),
                caller);
    }

    private GoldenSetView store(
            long collectionId,
            String collection,
            String name,
            List<GoldenItem> items,
            String source,
            Caller caller) {
        if (repository.nameTaken(collectionId, name)) {
            throw EvaluationException.nameTaken(name, collection);
        }
        UUID id = UUID.randomUUID();
        repository.insert(id, collectionId, name, caller.username(), items);
        audit.record(
                AuditType.GOLDEN_SET_CREATED,
                caller,
                collection + "/" + name,
                Map.of("id", id.toString(), "items", items.size(), "source", source));
        return repository.find(id).orElseThrow().view();
    }

    /** Replaces question {@code position} (from 1) with one JSON line's question. */
    @Transactional
    public GoldenItem replaceItem(UUID id, int position, String json, Caller caller) {
        return replaceItem(id, position, oneItem(json), caller);
    }

    /** Replaces question {@code position} (from 1), as edited on the golden set's page. */
    @Transactional
    public GoldenItem replaceItem(UUID id, int position, GoldenItem edited, Caller caller) {
        GoldenSetRepository.Stored stored = require(id, caller);
        GoldenItem item = checked(edited);
        if (!repository.replaceItem(id, position, item)) {
            throw EvaluationException.itemNotFound(id, position);
        }
        audited(stored, caller, "replaced question " + position);
        return item;
    }

    /** Appends one JSON line's question; returns its position. */
    @Transactional
    public int addItem(UUID id, String json, Caller caller) {
        return addItem(id, oneItem(json), caller);
    }

    /** Appends a question, as added on the golden set's page; returns its position. */
    @Transactional
    public int addItem(UUID id, GoldenItem added, Caller caller) {
        GoldenSetRepository.Stored stored = require(id, caller);
        if (stored.view().items() >= GoldenSetFile.MAX_ITEMS) {
            throw EvaluationException.invalid(
                    "A golden set holds at most %d questions.".formatted(GoldenSetFile.MAX_ITEMS));
        }
        int position = repository.addItem(id, checked(added));
        audited(stored, caller, "added question " + position);
        return position;
    }

    @Transactional
    public void deleteItem(UUID id, int position, Caller caller) {
        GoldenSetRepository.Stored stored = require(id, caller);
        if (!repository.deleteItem(id, position)) {
            throw EvaluationException.itemNotFound(id, position);
        }
        audited(stored, caller, "deleted question " + position);
    }

    private GoldenItem oneItem(String json) {
        if (json == null || json.isBlank() || json.strip().contains("\n")) {
            throw EvaluationException.invalid(
                    "Send one question as a JSON object: {\"question\": ..., \"expectedDocuments\": [...], ...}.");
        }
        return files.read(json.strip(), GoldenSetFile.Format.JSONL).get(0);
    }

    /** The question as stored: texts stripped, blanks as none; 400 without a question. */
    private static GoldenItem checked(GoldenItem item) {
        String question = item.question() == null ? "" : item.question().strip();
        if (question.isEmpty() || question.length() > GoldenSetFile.MAX_QUESTION_CHARS) {
            throw EvaluationException.invalid(
                    "A question needs a text of 1 to %d characters."
                            .formatted(GoldenSetFile.MAX_QUESTION_CHARS));
        }
        List<String> documents =
                item.expectedDocuments() == null
                        ? List.of()
                        : item.expectedDocuments().stream()
                                .map(String::strip)
                                .filter(d -> !d.isEmpty())
                                .toList();
        return new GoldenItem(
                question,
                documents,
                blankToNull(item.expectedPassage()),
                blankToNull(item.referenceAnswer()),
                item.answerable());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private void audited(GoldenSetRepository.Stored stored, Caller caller, String change) {
        audit.record(
                AuditType.GOLDEN_SET_CHANGED,
                caller,
                stored.view().collection() + "/" + stored.view().name(),
                Map.of("id", stored.view().id().toString(), "change", change));
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
