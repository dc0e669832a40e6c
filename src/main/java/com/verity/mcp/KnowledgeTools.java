package com.verity.mcp;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerListener;
import com.verity.assistant.AnswerMessages;
import com.verity.assistant.AskRequest;
import com.verity.assistant.Assistant;
import com.verity.assistant.Citation;
import com.verity.collection.CollectionCatalog;
import com.verity.collection.CollectionSummary;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.PassageRef;
import com.verity.retrieval.RetrievedPassage;
import com.verity.retrieval.Retriever;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import com.verity.security.Scope;
import com.verity.web.ProblemException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The MCP server's tools, each through the same public services and permission checks as the REST
 * API: the caller reads only what they may, a key needs the scope the REST twin needs ({@code read}
 * to list and search, {@code ask} to ask), and a refusal is a tool error that says why.
 */
@Component
class KnowledgeTools {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeTools.class);

    private final CollectionCatalog collections;
    private final Retriever retriever;
    private final Assistant assistant;
    private final DocumentCatalog documents;
    private final RateLimits limits;

    KnowledgeTools(
            CollectionCatalog collections,
            Retriever retriever,
            Assistant assistant,
            DocumentCatalog documents,
            RateLimits limits) {
        this.collections = collections;
        this.retriever = retriever;
        this.assistant = assistant;
        this.documents = documents;
        this.limits = limits;
    }

    List<McpStatelessServerFeatures.SyncToolSpecification> specifications() {
        return List.of(
                tool(
                        "list_collections",
                        "List the knowledge base's collections you may search and ask, with what"
                                + " each holds.",
                        Map.of(),
                        List.of(),
                        Scope.READ,
                        this::listCollections),
                tool(
                        "search_knowledge_base",
                        "Find the passages of a collection that best match a query. Returns each"
                                + " passage with its number, filename, title, chunk id and text.",
                        Map.of(
                                "collection",
                                property("string", "The collection to search (list_collections)."),
                                "query",
                                property("string", "What to look for, in words."),
                                "topK",
                                Map.of(
                                        "type",
                                        "integer",
                                        "minimum",
                                        1,
                                        "maximum",
                                        50,
                                        "description",
                                        "How many passages to return (default 5).")),
                        List.of("collection", "query"),
                        Scope.READ,
                        this::search),
                tool(
                        "ask",
                        "Answer a question from a collection's documents only, with numbered [n]"
                                + " citations and the sources they point to; says so when the"
                                + " knowledge base does not hold the answer.",
                        Map.of(
                                "collection",
                                property("string", "The collection to ask (list_collections)."),
                                "question",
                                property("string", "The question, standing on its own."),
                                "model",
                                property(
                                        "string",
                                        "An allowed model to answer with (default: the"
                                                + " collection's).")),
                        List.of("collection", "question"),
                        Scope.ASK,
                        this::ask),
                tool(
                        "get_passage",
                        "Open one passage by its chunk id (from search_knowledge_base), with its"
                                + " document and where it lies in it.",
                        Map.of(
                                "chunkId",
                                Map.of(
                                        "type",
                                        "integer",
                                        "description",
                                        "The passage's chunk id.")),
                        List.of("chunkId"),
                        Scope.READ,
                        this::passage));
    }

    private String listCollections(Map<String, Object> arguments, Caller caller) {
        List<CollectionSummary> readable = collections.list(caller);
        if (readable.isEmpty()) {
            return "You may not read any collection yet; ask an admin for access.";
        }
        StringBuilder text = new StringBuilder("Collections you may search and ask:\n");
        for (CollectionSummary collection : readable) {
            text.append("\n- ").append(collection.name());
            if (collection.description() != null && !collection.description().isBlank()) {
                text.append(": ").append(collection.description());
            }
            text.append(" (").append(collection.indexedCount()).append(" documents indexed)");
        }
        return text.toString();
    }

    private String search(Map<String, Object> arguments, Caller caller) {
        limits.check(caller, RateLimits.Kind.SEARCH);
        String collection = string(arguments, "collection");
        String query = string(arguments, "query");
        Integer topK = integer(arguments, "topK");
        List<RetrievedPassage> passages =
                retriever.retrieve(query, collection, topK == null ? 5 : topK, caller);
        if (passages.isEmpty()) {
            return "No passage of %s matches this query.".formatted(collection);
        }
        StringBuilder text =
                new StringBuilder("%d passages of %s:".formatted(passages.size(), collection));
        for (int i = 0; i < passages.size(); i++) {
            RetrievedPassage passage = passages.get(i);
            text.append("\n\n[")
                    .append(i + 1)
                    .append("] ")
                    .append(passage.filename())
                    .append(" | ")
                    .append(passage.title() == null ? "(no title)" : passage.title())
                    .append(" | chunk ")
                    .append(passage.chunkId())
                    .append('\n')
                    .append(passage.text().strip());
        }
        return text.toString();
    }

    private String ask(Map<String, Object> arguments, Caller caller) {
        limits.check(caller, RateLimits.Kind.ASK);
        Answer answer =
                assistant.ask(
                        assistant.check(
                                new AskRequest(
                                        string(arguments, "question"),
                                        string(arguments, "collection"),
                                        null,
                                        optionalString(arguments, "model")),
                                caller),
                        AnswerListener.NONE);
        StringBuilder text = new StringBuilder(AnswerMessages.text(answer));
        if (!answer.citations().isEmpty()) {
            text.append("\n\nSources:");
            for (Citation citation : answer.citations()) {
                text.append("\n[")
                        .append(citation.n())
                        .append("] ")
                        .append(citation.filename())
                        .append(" | ")
                        .append(citation.title() == null ? "(no title)" : citation.title())
                        .append(" | \"")
                        .append(citation.quote())
                        .append('"');
            }
        }
        return text.toString();
    }

    private String passage(Map<String, Object> arguments, Caller caller) {
        Integer chunkId = integer(arguments, "chunkId");
        if (chunkId == null) {
            throw new ToolRefusal(
                    "Send the passage's 'chunkId' (search_knowledge_base lists them).");
        }
        PassageRef passage = documents.passage(chunkId, caller);
        return "%s | %s%s | chunk %d | characters %d-%d of the document\n\n%s"
                .formatted(
                        passage.filename(),
                        passage.title() == null ? "(no title)" : passage.title(),
                        passage.section() == null || passage.section().isBlank()
                                ? ""
                                : " | " + passage.section(),
                        passage.chunkId(),
                        passage.start(),
                        passage.end(),
                        passage.text());
    }

    /**
     * A tool whose handler runs as the request's caller, once the key's {@code scope} is checked;
     * problems become tool errors in their own words, anything else a generic one.
     */
    private static McpStatelessServerFeatures.SyncToolSpecification tool(
            String name,
            String description,
            Map<String, Object> properties,
            List<String> required,
            Scope scope,
            BiFunction<Map<String, Object>, Caller, String> handler) {
        McpSchema.Tool tool =
                McpSchema.Tool.builder(
                                name,
                                Map.of(
                                        "type",
                                        "object",
                                        "properties",
                                        properties,
                                        "required",
                                        required,
                                        "additionalProperties",
                                        false))
                        .description(description)
                        .build();
        return new McpStatelessServerFeatures.SyncToolSpecification(
                tool,
                (McpTransportContext context, McpSchema.CallToolRequest request) -> {
                    Caller caller = (Caller) context.get(McpConfiguration.CALLER);
                    if (caller == null) {
                        return error("Sign-in required: send an API key as Bearer token.");
                    }
                    if (!caller.scopes().contains(scope)) {
                        return error(
                                "This API key lacks the '%s' scope that %s needs; create a key with it (POST /api/api-keys)."
                                        .formatted(scope.value(), name));
                    }
                    try {
                        Map<String, Object> arguments =
                                request.arguments() == null ? Map.of() : request.arguments();
                        return McpSchema.CallToolResult.builder()
                                .addTextContent(handler.apply(arguments, caller))
                                .isError(false)
                                .build();
                    } catch (ProblemException e) {
                        return error(e.getMessage());
                    } catch (RuntimeException e) {
                        log.error("MCP tool {} failed", name, e);
                        return error("The tool failed; try again.");
                    }
                });
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static Map<String, Object> property(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static String string(Map<String, Object> arguments, String name) {
        String value = optionalString(arguments, name);
        if (value == null || value.isBlank()) {
            throw new ToolRefusal("Send a non-empty '%s'.".formatted(name));
        }
        return value;
    }

    private static String optionalString(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolRefusal("'%s' must be a string.".formatted(name));
        }
        return text.isBlank() ? null : text;
    }

    private static Integer integer(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        throw new ToolRefusal("'%s' must be a whole number.".formatted(name));
    }

    /** Arguments a tool cannot work with, said as the tool's error. */
    private static final class ToolRefusal extends ProblemException {
        ToolRefusal(String message) {
            super(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "invalid-arguments",
                    "Invalid arguments",
                    message);
        }
    }
}
