package com.verity.mcp;

import com.verity.assistant.AssistantProperties;
import com.verity.security.CurrentCaller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server: Streamable HTTP at {@code /mcp}, stateless (no MCP session is kept, so behind a
 * load balancer any instance answers any request), behind the same filter chain as the REST API: an
 * API key as Bearer token, or a signed-in user; the caller is handed to each tool call.
 */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

    static final String ENDPOINT = "/mcp";

    /** The key under which a tool call finds its caller in the MCP transport context. */
    static final String CALLER = "verity.caller";

    @Bean
    HttpServletStatelessServerTransport mcpTransport(JsonMapper json) {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .messageEndpoint(ENDPOINT)
                // the servlet runs behind Spring Security: the request's caller is known here
                .contextExtractor(
                        request ->
                                CurrentCaller.get()
                                        .map(
                                                caller ->
                                                        McpTransportContext.create(
                                                                Map.of(CALLER, caller)))
                                        .orElse(McpTransportContext.EMPTY))
                .build();
    }

    @Bean
    McpStatelessSyncServer mcpServer(
            HttpServletStatelessServerTransport transport,
            KnowledgeTools tools,
            JsonMapper json,
            AssistantProperties assistant) {
        String version = McpConfiguration.class.getPackage().getImplementationVersion();
        return McpServer.sync(transport)
                .serverInfo("verity", version == null ? "dev" : version)
                .instructions(
                        "Verity's knowledge base: list_collections names what you may search;"
                                + " search_knowledge_base finds passages; ask answers from them with"
                                + " numbered citations; get_passage opens a cited passage.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(json))
                // an answer may wait for a generation slot and then for the model
                .requestTimeout(assistant.answerDeadline())
                // tool calls run on the request's thread, which holds its security context
                .immediateExecution(true)
                .tools(tools.specifications())
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
            HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> registration =
                new ServletRegistrationBean<>(transport, ENDPOINT);
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        return registration;
    }
}
