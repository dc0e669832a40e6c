package com.verity.mcp;

import com.verity.security.Caller;
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

/**
 * What every MCP tool shares: its JSON schema, running as the request's caller once the key's scope
 * is checked, problems as tool errors in their own words, and reading its arguments.
 */
final class McpTools {

    private static final Logger log = LoggerFactory.getLogger(McpTools.class);

    private McpTools() {}

    /**
     * A tool whose handler runs as the request's caller, once the key's {@code scope} is checked;
     * problems become tool errors in their own words, anything else a generic one.
     */
    static McpStatelessServerFeatures.SyncToolSpecification tool(
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

    static Map<String, Object> property(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    static String string(Map<String, Object> arguments, String name) {
        String value = optionalString(arguments, name);
        if (value == null || value.isBlank()) {
            throw new ToolRefusal("Send a non-empty '%s'.".formatted(name));
        }
        return value;
    }

    static String optionalString(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolRefusal("'%s' must be a string.".formatted(name));
        }
        return text.isBlank() ? null : text;
    }

    static Integer integer(Map<String, Object> arguments, String name) {
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
    static final class ToolRefusal extends ProblemException {
        ToolRefusal(String message) {
            super(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "invalid-arguments",
                    "Invalid arguments",
                    message);
        }
    }
}
