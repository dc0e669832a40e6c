package com.verity.collection;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The collections a knowledge base is organised in: the module's public facade. */
@Service
public class CollectionCatalog {

    /** What a collection name looks like: a lowercase slug such as {@code hr-policies}. */
    public static final String NAME_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

    /** The longest collection name. */
    public static final int MAX_NAME_LENGTH = 63;

    private static final Pattern SLUG = Pattern.compile(NAME_PATTERN);

    private final CollectionRepository repository;

    CollectionCatalog(CollectionRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public CollectionSummary create(String name, String description) {
        checkName(name);
        try {
            repository.insert(name, description);
        } catch (DuplicateKeyException e) {
            throw CollectionException.alreadyExists(name);
        }
        return find(name);
    }

    /**
     * The id of the collection, created with this description when missing (by this call or a
     * concurrent one: both get the same collection).
     */
    @Transactional
    public long ensure(String name, String description) {
        checkName(name);
        repository.insertIfMissing(name, description);
        return requireId(name);
    }

    private static void checkName(String name) {
        if (name == null || name.length() > MAX_NAME_LENGTH || !SLUG.matcher(name).matches()) {
            throw CollectionException.invalidName(name);
        }
    }

    public List<CollectionSummary> list() {
        return repository.findAll();
    }

    public CollectionSummary find(String name) {
        return repository.findByName(name).orElseThrow(() -> CollectionException.notFound(name));
    }

    /** The internal ids of every collection, for modules that work on all of them. */
    public List<Long> ids() {
        return repository.findAllIds();
    }

    /** The internal id of a collection, for modules that store rows scoped to it. */
    public long requireId(String name) {
        return repository.findId(name).orElseThrow(() -> CollectionException.notFound(name));
    }

    /** This collection's own NOT_FOUND threshold for answers, if it has one. */
    public Optional<Double> relevanceThreshold(long collectionId) {
        return repository.relevanceThreshold(collectionId);
    }

    /** Sets (or, with null, clears) the collection's NOT_FOUND threshold. */
    @Transactional
    public CollectionSummary setRelevanceThreshold(String name, Double threshold) {
        if (threshold != null && (threshold.isNaN() || threshold < 0 || threshold > 1)) {
            throw CollectionException.invalidThreshold(threshold);
        }
        if (!repository.updateRelevanceThreshold(name, threshold)) {
            throw CollectionException.notFound(name);
        }
        return find(name);
    }
}
