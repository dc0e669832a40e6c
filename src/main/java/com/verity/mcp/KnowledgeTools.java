package com.verity.mcp;

import static com.verity.mcp.McpTools.integer;
import static com.verity.mcp.McpTools.optionalString;
import static com.verity.mcp.McpTools.property;
import static com.verity.mcp.McpTools.string;

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
import com.verity.retrieval.RetrievalProperties;
import com.verity.retrieval.RetrievedPassage;
import com.verity.retrieval.Retriever;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import com.verity.security.Scope;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The MCP server's tools, each through the same public services and permission checks as the REST
 * API: the caller reads only what they may, a key needs the scope the REST twin needs ({@code read}
 * to list and search, {@code ask} to ask), and a refusal is a tool error that says why.
 */
@Component
class KnowledgeTools {

    private final CollectionCatalog collections;
    private final Retriever retriever;
    private final Assistant assistant;
    private final DocumentCatalog documents;
    private final RateLimits limits;
    private final RetrievalProperties retrieval;

    KnowledgeTools(
            CollectionCatalog collections,
            Retriever retriever,
            Assistant assistant,
            DocumentCatalog documents,
            RateLimits limits,
            RetrievalProperties retrieval) {
        this.retrieval = retrieval;
        this.collections = collections;
        this.retriever = retriever;
        this.assistant = assistant;
        this.documents = documents;
        this.limits = limits;
    }

    List<McpStatelessServerFeatures.SyncToolSpecification> specifications() {
        return List.of(
                McpTools.tool(
                        "list_collections",
                        "List the knowledge base's collections you may search and ask, with what"
                                + " each holds.",
                        Map.of(),
                        List.of(),
                        Scope.READ,
                        this::listCollections),
                McpTools.tool(
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
                                        retrieval.maxTopK(),
                                        "description",
                                        "How many passages to return (default %d)."
                                                .formatted(retrieval.defaultTopK()))),
                        List.of("collection", "query"),
                        Scope.READ,
                        this::search),
                McpTools.tool(
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
                McpTools.tool(
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
        List<RetrievedPassage> passages = retriever.retrieve(query, collection, topK, caller);
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
            throw new McpTools.ToolRefusal(
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
}
