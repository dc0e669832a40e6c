package com.verity.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A configuration that cannot work stops the start-up and says what to change. */
class FolderSyncPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FolderSyncProperties.class)
    static class Config {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                    .withUserConfiguration(Config.class);

    @TempDir Path folder;

    private String[] source(int index, String name, String path) {
        String prefix = "verity.folder-sync.sources[%d].".formatted(index);
        return new String[] {
            prefix + "name=" + name, prefix + "collection=docs", prefix + "path=" + path
        };
    }

    private String failure(String... properties) {
        String[] message = new String[1];
        runner.withPropertyValues(properties)
                .run(
                        context -> {
                            assertThat(context).hasFailed();
                            Throwable cause = context.getStartupFailure();
                            StringBuilder all = new StringBuilder();
                            for (Throwable t = cause; t != null; t = t.getCause()) {
                                all.append(t.getMessage()).append('\n');
                            }
                            message[0] = all.toString();
                        });
        return message[0];
    }

    @Test
    void aSourceNeedsOnlyNameCollectionAndPath() {
        runner.withPropertyValues(source(0, "hr-policies", folder.toString()))
                .run(
                        context -> {
                            FolderSyncProperties properties =
                                    context.getBean(FolderSyncProperties.class);
                            assertThat(properties.schedule()).isEmpty();
                            assertThat(properties.sources())
                                    .singleElement()
                                    .satisfies(
                                            s -> {
                                                assertThat(s.include()).containsExactly("**");
                                                assertThat(s.exclude())
                                                        .containsExactly("**/.*", "**/~$*");
                                                assertThat(s.allowEmpty()).isFalse();
                                                assertThat(s.root()).isEqualTo(folder);
                                            });
                        });
    }

    @Test
    void twoSourcesWithOneNameAreRefused() {
        String[] first = source(0, "hr", folder.toString());
        String[] second = source(1, "hr", folder.toString());
        String message = failure(first[0], first[1], first[2], second[0], second[1], second[2]);
        assertThat(message).contains("two sources are named 'hr'").contains("its own name");
    }

    @Test
    void aNameThatIsNotASlugIsRefused() {
        assertThat(failure(source(0, "HR Policies", folder.toString())))
                .contains("sources[0].name")
                .contains("lowercase slug");
    }

    @Test
    void aRelativePathMustExistBelowTheWorkingDirectory() {
        assertThat(failure(source(0, "hr", "no/such/folder-here")))
                .contains("relative to the working directory")
                .contains("absolute path");
    }

    @Test
    void anAbsolutePathMayBeMissingAtStartUpLikeAnUnmountedShare() {
        runner.withPropertyValues(source(0, "hr", folder.resolve("not-mounted").toString()))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anInvalidGlobIsRefusedNamingThePattern() {
        assertThat(
                        failure(
                                append(
                                        source(0, "hr", folder.toString()),
                                        "verity.folder-sync.sources[0].include=**/*.{pdf")))
                .contains("'**/*.{pdf'")
                .contains("not a valid glob");
        assertThat(
                        failure(
                                append(
                                        source(0, "hr", folder.toString()),
                                        "verity.folder-sync.sources[0].exclude=/tmp/**")))
                .contains("without the leading '/'");
    }

    @Test
    void aSourcesLanguageIsAnIsoCodeOrLeftToDetection() {
        runner.withPropertyValues(
                        append(
                                source(0, "hr", folder.toString()),
                                "verity.folder-sync.sources[0].language=DE"))
                .run(
                        context ->
                                assertThat(
                                                context.getBean(FolderSyncProperties.class)
                                                        .sources()
                                                        .get(0)
                                                        .language())
                                        .isEqualTo("de"));
        assertThat(
                        failure(
                                append(
                                        source(0, "hr", folder.toString()),
                                        "verity.folder-sync.sources[0].language=german")))
                .contains("language: 'german' is not one of")
                .contains("de, el, en");
    }

    @Test
    void aScheduleMustBeACronExpression() {
        assertThat(failure("verity.folder-sync.schedule=every night"))
                .contains("verity.folder-sync.schedule")
                .contains("six fields");
    }

    private static String[] append(String[] values, String more) {
        String[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = more;
        return all;
    }
}
