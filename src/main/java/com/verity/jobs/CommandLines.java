package com.verity.jobs;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the service's command-line tools ({@code reindex}, {@code evaluate}) share: the service
 * started without its web server to work on a job beside the running instances, option values, and
 * the pause between progress lines.
 */
public final class CommandLines {

    private CommandLines() {}

    /** The service without a web server and without ingestion workers, on the given properties. */
    public static ConfigurableApplicationContext start(
            Class<?> application, List<String> springArgs) {
        String[] args =
                java.util.stream.Stream.concat(
                                springArgs.stream(),
                                java.util.stream.Stream.of("--verity.ingestion.workers=0"))
                        .toArray(String[]::new);
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args);
    }

    /** The value after an option; a usage error when there is none. */
    public static String next(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Waits between two progress lines. */
    public static void pause(Duration every) {
        try {
            Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the job", e);
        }
    }
}
