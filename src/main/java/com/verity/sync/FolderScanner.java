package com.verity.sync;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the files of a source's folder that its patterns take, without following a symbolic link
 * out of the folder. A link to a file inside the folder is taken under the link's own path; one
 * that leads outside is reported, never read. A directory that cannot be read is reported and
 * protects the documents under it from removal.
 */
final class FolderScanner {

    /** A file to sync: its path in the folder ({@code /} separators) and where to read it. */
    record Found(String path, Path file) {}

    /**
     * @param problems entries that could not be taken (unreadable directory, outside link)
     * @param unreadable paths of directories (or entries) whose content is unknown
     * @param empty the folder holds nothing at all, not even excluded files
     */
    record Scan(
            List<Found> files,
            List<FolderSyncRun.FileError> problems,
            List<String> unreadable,
            boolean empty) {

        /** False for a file under an unreadable directory: it may still be there. */
        boolean knownGone(String path) {
            return unreadable.stream().noneMatch(u -> path.equals(u) || path.startsWith(u + "/"));
        }
    }

    private FolderScanner() {}

    /**
     * @throws FolderUnavailableException when the folder itself is missing or unreadable
     */
    static Scan scan(Path folder, PathPatterns patterns) {
        Path root = realFolder(folder);
        boolean empty;
        try (Stream<Path> entries = Files.list(root)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw FolderUnavailableException.unreadable(folder, e);
        }
        Visitor visitor = new Visitor(root, patterns);
        try {
            Files.walkFileTree(root, visitor);
        } catch (IOException e) {
            throw FolderUnavailableException.unreadable(folder, e);
        }
        return new Scan(visitor.files, visitor.problems, visitor.unreadable, empty);
    }

    private static Path realFolder(Path folder) {
        try {
            Path root = folder.toRealPath();
            if (!Files.isDirectory(root)) {
                throw FolderUnavailableException.notADirectory(folder);
            }
            return root;
        } catch (NoSuchFileException e) {
            throw FolderUnavailableException.missing(folder);
        } catch (IOException e) {
            throw FolderUnavailableException.unreadable(folder, e);
        }
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {

        private final Path root;
        private final PathPatterns patterns;
        private final List<Found> files = new ArrayList<>();
        private final List<FolderSyncRun.FileError> problems = new ArrayList<>();
        private final List<String> unreadable = new ArrayList<>();

        Visitor(Path root, PathPatterns patterns) {
            this.root = root;
            this.patterns = patterns;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && patterns.excludes(root.relativize(dir))
                    ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Path relative = root.relativize(file);
            if (!patterns.takes(relative)) {
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isRegularFile()) {
                files.add(new Found(name(relative), file));
            } else if (attrs.isSymbolicLink()) {
                followInside(file, relative);
            }
            return FileVisitResult.CONTINUE;
        }

        private void followInside(Path link, Path relative) {
            try {
                Path target = link.toRealPath();
                if (!target.startsWith(root)) {
                    problems.add(
                            problem(
                                    relative,
                                    "a symbolic link to %s, outside the folder: not followed"
                                            .formatted(target)));
                } else if (Files.isRegularFile(target)) {
                    files.add(new Found(name(relative), target));
                }
            } catch (NoSuchFileException e) {
                problems.add(problem(relative, "a broken symbolic link"));
            } catch (IOException e) {
                problems.add(problem(relative, "cannot follow the symbolic link: " + e));
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            Path relative = root.relativize(file);
            if (patterns.excludes(relative) || e instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE;
            }
            unreadable.add(name(relative));
            String reason =
                    e instanceof AccessDeniedException
                            ? "cannot be read: permission denied"
                            : "cannot be read: " + e;
            problems.add(problem(relative, reason + "; its documents are kept"));
            return FileVisitResult.CONTINUE;
        }

        private static FolderSyncRun.FileError problem(Path relative, String error) {
            return new FolderSyncRun.FileError(name(relative), error);
        }
    }

    /** A path in the folder as documents name it: {@code /} between its parts. */
    static String name(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
