package com.verity.sync;

import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.verity.collection.CollectionCatalog;
import com.verity.language.Language;
import com.verity.security.Groups;
import com.verity.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Folders whose documents are imported into a collection and kept in step with it; configured in
 * {@code ingest-config/ingest.yaml}. A configuration Verity cannot carry out stops the start-up
 * with a message that names the setting and what to change.
 *
 * @param schedule cron expression (six fields, seconds first) on which every source is synced;
 *     blank: only on demand (POST /api/folder-sources/{name}/sync)
 * @param keepRuns finished runs kept per source; older ones are deleted
 * @param reportedErrors files listed with their error per run (all of them are counted)
 * @param sources the folders to sync
 */
@Validated
@ConfigurationProperties("verity.folder-sync")
public record FolderSyncProperties(
        @DefaultValue("") String schedule,
        @DefaultValue("100") @Min(1) int keepRuns,
        @DefaultValue("100") @Min(0) int reportedErrors,
        @DefaultValue @Valid List<Source> sources) {

    public FolderSyncProperties {
        schedule = schedule == null ? "" : schedule.strip();
        if (!schedule.isEmpty()) {
            try {
                Schedules.cron(schedule);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        ("verity.folder-sync.schedule '%s' is not a cron expression (%s): write six"
                                        + " fields, seconds first, e.g. '0 0 * * * *' for every hour,"
                                        + " or leave it blank to sync only on demand")
                                .formatted(schedule, e.getMessage()));
            }
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
        Set<String> names = new HashSet<>();
        for (Source source : sources) {
            if (source.name() != null && !names.add(source.name())) {
                throw new IllegalArgumentException(
                        ("verity.folder-sync.sources: two sources are named '%s'; give each source"
                                        + " its own name (it is stored on every document it syncs)")
                                .formatted(source.name()));
            }
        }
    }

    Optional<Source> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    List<String> names() {
        return sources.stream().map(Source::name).toList();
    }

    /**
     * One folder and the collection it feeds.
     *
     * @param name identifies the source (a lowercase slug); stored on each document it syncs
     * @param collection the collection the files go to, created when missing
     * @param path the folder, local or mounted; a relative path is resolved against the working
     *     directory and must exist at start-up (an absolute one may be missing then: a run fails
     *     until it is there)
     * @param include globs of the files taken, relative to the folder (default, and when empty:
     *     every file)
     * @param exclude globs of files and directories left out (default: hidden ones and Office lock
     *     files)
     * @param allowEmpty false: a run finding the folder completely empty while the source has
     *     documents fails instead of deleting them all (an unmounted share looks like that); true:
     *     an empty folder empties the source
     * @param accessGroups the groups whose members may read the source's documents (empty: every
     *     reader of the collection); applied to every document of the source at each run
     * @param language the language of the source's documents (ISO 639-1, e.g. {@code de}); blank:
     *     detected from each document's text
     */
    public record Source(
            @NotBlank
                    @Size(max = CollectionCatalog.MAX_NAME_LENGTH)
                    @Pattern(
                            regexp = CollectionCatalog.NAME_PATTERN,
                            message = "must be a lowercase slug such as 'hr-policies'")
                    String name,
            @NotBlank
                    @Size(max = CollectionCatalog.MAX_NAME_LENGTH)
                    @Pattern(
                            regexp = CollectionCatalog.NAME_PATTERN,
                            message = "must be a collection name: a lowercase slug such as 'hr'")
                    String collection,
            @NotBlank String path,
            @DefaultValue("**") List<String> include,
            @DefaultValue({"**/.*", "**/~$*"}) List<String> exclude,
            @DefaultValue("false") boolean allowEmpty,
            @DefaultValue List<String> accessGroups,
            String language) {

        public Source {
            // An empty include list takes everything: taking nothing would empty the collection.
            include = include == null || include.isEmpty() ? List.of("**") : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            String where = "verity.folder-sync source '%s'".formatted(name);
            if (path != null && !path.isBlank()) {
                path = resolve(where, path.strip()).toString();
            }
            try {
                PathPatterns.of(include, exclude);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (language == null || language.isBlank()) {
                language = null;
            } else {
                String given = language;
                language =
                        Language.ofCode(given)
                                .map(Language::code)
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        where
                                                                + ": language: '"
                                                                + given
                                                                + "' is not one of "
                                                                + Language.codes()));
            }
            try {
                accessGroups = Groups.normalize(accessGroups);
            } catch (ProblemException e) {
                throw new IllegalArgumentException(where + ": access-groups: " + e.getMessage(), e);
            }
        }

        private static Path resolve(String where, String configured) {
            Path path;
            try {
                path = Path.of(configured);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(
                        "%s: path '%s' is not a valid path (%s)"
                                .formatted(where, configured, e.getReason()));
            }
            Path absolute = path.toAbsolutePath().normalize();
            if (!path.isAbsolute() && !Files.isDirectory(absolute)) {
                throw new IllegalArgumentException(
                        ("%s: path '%s' is relative to the working directory, but %s is not a"
                                        + " directory; write an absolute path (a mounted share, say)"
                                        + " or start Verity from the directory it is relative to")
                                .formatted(where, path, absolute));
            }
            return absolute;
        }

        /** The folder, as an absolute path. */
        Path root() {
            return Path.of(path);
        }

        PathPatterns patterns() {
            return PathPatterns.of(include, exclude);
        }
    }
}
