/**
 * The MCP server at {@code /mcp}: the knowledge base's tools for MCP clients (IDE and desktop
 * assistants), with the caller's permissions.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {
            "assistant",
            "collection",
            "ingestion",
            "retrieval",
            "security",
            "web"
        })
package com.verity.mcp;

import org.springframework.modulith.ApplicationModule;
