package com.verity.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The MCP server driven by the official MCP Java SDK's client over Streamable HTTP: its tools with
 * their schemas, search, ask and passages as the caller may read them, scopes, and 401.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final Pattern CHUNK = Pattern.compile("chunk (\\d+)");

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;
    String collection;
    String hidden;
    TestAccounts.Account agent;
    McpSyncClient client;

    @BeforeAll
    void collectionAndClient() {
        ollama.pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        collection = api.newCollection("mcp");
        api.indexed(
                collection,
                Map.of(
                        "refunds.txt",
                        "Refunds are paid back to the original card within 14 days of the return."));
        hidden = api.newCollection("mcp-hidden");
        api.indexed(hidden, Map.of("salaries.txt", "Salaries are paid on the 25th of each month."));
        api.put(
                "/api/collections/" + hidden + "/access",
                Map.of("readers", List.of("group:nobody"), "editors", List.of()));
        agent = TestAccounts.create(api, "mcp-agent", List.of("AGENT"), List.of());
        client = client(TestAccounts.key(agent, List.of("read", "ask")));
        client.initialize();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        ollama.close();
    }

    private McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport transport =
                HttpClientStreamableHttpTransport.builder("http://localhost:" + api.port())
                        .endpoint("/mcp")
                        .httpRequestCustomizer(
                                (request, method, endpoint, body, context) ->
                                        request.header("Authorization", "Bearer " + key))
                        .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theToolsAreListedWithTheirSchemas() {
        List<McpSchema.Tool> tools = client.listTools().tools();

        assertThat(tools)
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder(
                        "list_collections", "search_knowledge_base", "ask", "get_passage");
        McpSchema.Tool search =
                tools.stream()
                        .filter(t -> t.name().equals("search_knowledge_base"))
                        .findFirst()
                        .orElseThrow();
        assertThat(search.description()).isNotBlank();
        assertThat(search.inputSchema())
                .containsEntry("type", "object")
                .containsEntry("required", List.of("collection", "query"));
        assertThat((Map<String, Object>) search.inputSchema().get("properties"))
                .containsKeys("collection", "query", "topK");
    }

    @Test
    void collectionsAreTheOnesTheCallerMayRead() {
        String text = text(call("list_collections", Map.of()));

        assertThat(text).contains(collection).doesNotContain(hidden);
    }

    @Test
    void searchListsNumberedPassagesWithTheirChunkIdsAndGetPassageOpensOne() {
        McpSchema.CallToolResult found =
                call(
                        "search_knowledge_base",
                        Map.of("collection", collection, "query", "refund card", "topK", 3));

        assertThat(found.isError()).isFalse();
        String text = text(found);
        assertThat(text).contains("[1] refunds.txt", "14 days");
        Matcher chunk = CHUNK.matcher(text);
        assertThat(chunk.find()).isTrue();

        String passage =
                text(call("get_passage", Map.of("chunkId", Long.parseLong(chunk.group(1)))));
        assertThat(passage).contains("refunds.txt", "within 14 days");
    }

    @Test
    void askAnswersWithMarkersAndANumberedSourceList() {
        McpSchema.CallToolResult answer =
                call("ask", Map.of("collection", collection, "question", "How are refunds paid?"));

        assertThat(answer.isError()).isFalse();
        assertThat(text(answer))
                .contains("14 days", "[1]")
                .contains("Sources:\n[1] refunds.txt | ");
    }

    @Test
    void whatTheCallerMayNotReadIsAnsweredAsMissing() {
        McpSchema.CallToolResult search =
                call("search_knowledge_base", Map.of("collection", hidden, "query", "salaries"));
        McpSchema.CallToolResult unknown =
                call("search_knowledge_base", Map.of("collection", "no-such-one", "query", "x"));

        assertThat(search.isError()).isTrue();
        assertThat(text(search)).doesNotContain("25th");
        assertThat(text(search).replace(hidden, "X"))
                .isEqualTo(text(unknown).replace("no-such-one", "X"));
    }

    @Test
    void aKeyWithoutTheNeededScopeGetsAToolErrorThatSaysSo() {
        McpSyncClient readOnly = client(TestAccounts.key(agent, List.of("read")));
        readOnly.initialize();
        try {
            McpSchema.CallToolResult refused =
                    readOnly.callTool(
                            new McpSchema.CallToolRequest(
                                    "ask",
                                    Map.of("collection", collection, "question", "Refunds?")));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("'ask' scope");
            assertThat(
                            readOnly.callTool(
                                            new McpSchema.CallToolRequest(
                                                    "list_collections", Map.of()))
                                    .isError())
                    .isFalse();
        } finally {
            readOnly.closeGracefully();
        }
    }

    @Test
    void withoutCredentialsTheEndpointAnswers401() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:" + api.port() + "/mcp"))
                                        .header("Content-Type", "application/json")
                                        .header("Accept", "application/json, text/event-stream")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\":"
                                                                + " \"tools/list\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        McpSyncClient anonymous = client("vk_not-a-key");
        assertThatThrownBy(anonymous::initialize).isInstanceOf(RuntimeException.class);
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text())
                .reduce("", String::concat);
    }
}
