package com.verity.sync;

import java.nio.file.Path;

/** The folder of a source cannot be read as a whole: the run fails and deletes nothing. */
class FolderUnavailableException extends RuntimeException {

    private FolderUnavailableException(String message) {
        super(message);
    }

    static FolderUnavailableException missing(Path root) {
        return new FolderUnavailableException(
                ("folder %s does not exist; if it is a share, mount it, or correct the source's"
                                + " path. Nothing was deleted.")
                        .formatted(root));
    }

    static FolderUnavailableException notADirectory(Path root) {
        return new FolderUnavailableException(
                "%s is not a directory; point the source's path at the folder. Nothing was deleted."
                        .formatted(root));
    }

    static FolderUnavailableException unreadable(Path root, Exception cause) {
        return new FolderUnavailableException(
                ("folder %s cannot be read (%s); give the service's user read access to it."
                                + " Nothing was deleted.")
                        .formatted(root, cause));
    }

    static FolderUnavailableException empty(Path root, int documents) {
        return new FolderUnavailableException(
                ("folder %s is empty while %d files of this source are in the collection; an"
                                + " unmounted share looks like this, so nothing was deleted. Mount"
                                + " it, or if the folder was emptied on purpose, set the source's"
                                + " allow-empty: true.")
                        .formatted(root, documents));
    }
}
