package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Which files go to a parser process, as the service binds verity.ingestion.parser. */
class ParserPropertiesTest {

    private static final int ONE_MB = 1024 * 1024;

    @Test
    void smallPlainTextAndMarkdownStayInTheServiceAndEverythingElseIsForked() {
        ParserProperties defaults = bind(Map.of());

        assertThat(defaults.forks("text/plain", 4_000)).isFalse();
        assertThat(defaults.forks("text/markdown", ONE_MB)).isFalse();
        assertThat(defaults.forks("text/plain", ONE_MB + 1)).isTrue();
        assertThat(defaults.forks("text/html", 4_000)).isTrue();
        assertThat(defaults.forks("application/pdf", 4_000)).isTrue();
        assertThat(defaults.forks("image/png", 100)).isTrue();
    }

    @Test
    void theInProcessTypesAndSizeAreConfigurable() {
        ParserProperties html =
                bind(
                        Map.of(
                                "verity.ingestion.parser.in-process-types", "text/html",
                                "verity.ingestion.parser.in-process-max-size", "10KB"));

        assertThat(html.forks("text/html", 10 * 1024)).isFalse();
        assertThat(html.forks("text/html", 10 * 1024 + 1)).isTrue();
        assertThat(html.forks("text/plain", 100)).isTrue();
    }

    @Test
    void notForkedMeansEverythingInTheService() {
        ParserProperties inProcess = bind(Map.of("verity.ingestion.parser.forked", "false"));

        assertThat(inProcess.forks("application/pdf", 50 * ONE_MB)).isFalse();
    }

    private static ParserProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("verity.ingestion.parser", ParserProperties.class);
    }
}
