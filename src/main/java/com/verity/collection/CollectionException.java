package com.verity.collection;

import com.verity.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A request about collections that cannot be served. */
public class CollectionException extends ProblemException {

    private CollectionException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static CollectionException invalidName(String name) {
        return new CollectionException(
                HttpStatus.BAD_REQUEST,
                "invalid-collection-name",
                "Invalid collection name",
                ("Collection name '%s' is not a lowercase slug: use 1 to 63 characters a-z, 0-9"
                                + " and single hyphens between them, e.g. 'hr-policies'.")
                        .formatted(name));
    }

    static CollectionException invalidThreshold(double threshold) {
        return new CollectionException(
                HttpStatus.BAD_REQUEST,
                "invalid-relevance-threshold",
                "Invalid relevance threshold",
                ("relevanceThreshold %s is not a cosine similarity between 0 and 1; send null to use"
                                + " the service's default.")
                        .formatted(threshold));
    }

    static CollectionException alreadyExists(String name) {
        return new CollectionException(
                HttpStatus.CONFLICT,
                "collection-exists",
                "Collection already exists",
                "A collection named '%s' already exists; upload into it or choose another name."
                        .formatted(name));
    }

    static CollectionException notEditable(String name) {
        return new CollectionException(
                HttpStatus.FORBIDDEN,
                "collection-not-editable",
                "Collection not editable",
                ("You may read the collection '%s' but not change it; ask an admin to add you to"
                                + " its editors.")
                        .formatted(name));
    }

    public static CollectionException notFound(String name) {
        return new CollectionException(
                HttpStatus.NOT_FOUND,
                "collection-not-found",
                "Collection not found",
                "There is no collection named '%s'; create it with POST /api/collections first."
                        .formatted(name));
    }
}
