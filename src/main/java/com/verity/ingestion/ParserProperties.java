package com.verity.ingestion;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where documents are parsed: in parser processes (child JVMs the service starts and kills), or on
 * the service's own threads.
 *
 * @param forked true: parse in parser processes; false: in the service (a parse that overruns the
 *     timeout is abandoned, not stopped, and a parser that runs out of memory takes the service's)
 * @param processes parser processes at most, each parsing one document at a time (more parses wait)
 * @param heap each parser process's heap limit; a parse that needs more fails the document
 * @param maxParsesPerProcess parses after which a process is replaced (whatever a parser leaks goes
 *     with it)
 * @param idleTimeout an idle process exits after this
 * @param startTimeout longest wait for a new process to be ready
 * @param inProcessTypes content types parsed on the service's own threads even when {@code forked}:
 *     formats with no containers, no embedded files and a parser that reads them in one linear pass
 *     (plain text, Markdown), where a parser process costs far more than the parse (a process
 *     hand-off and a JVM of its own to start and warm up every {@code max-parses-per-process}
 *     documents)
 * @param inProcessMaxSize larger files of those types still go to a parser process, so their memory
 *     stays bounded by its heap
 */
@Validated
@ConfigurationProperties("verity.ingestion.parser")
public record ParserProperties(
        @DefaultValue("true") boolean forked,
        @DefaultValue("2") @Min(1) int processes,
        @DefaultValue("512MB") DataSize heap,
        @DefaultValue("200") @Min(1) int maxParsesPerProcess,
        @DefaultValue("2m") Duration idleTimeout,
        @DefaultValue("60s") Duration startTimeout,
        @DefaultValue({"text/plain", "text/markdown"}) Set<String> inProcessTypes,
        @DefaultValue("1MB") DataSize inProcessMaxSize) {

    /** Whether a file of this type and size is parsed in a parser process. */
    boolean forks(String contentType, int size) {
        return forked
                && (size > inProcessMaxSize.toBytes() || !inProcessTypes.contains(contentType));
    }
}
