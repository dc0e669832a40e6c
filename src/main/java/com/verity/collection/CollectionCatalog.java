package com.verity.collection;

import com.verity.security.AccessList;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import com.verity.security.UserDeleted;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The collections a knowledge base is organised in, and who may read and edit each: the module's
 * public facade. A collection the caller may not read is answered as if it did not exist.
 */
@Service
public class CollectionCatalog {

    /** What a collection name looks like: a lowercase slug such as {@code hr-policies}. */
    public static final String NAME_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

    /** The longest collection name. */
    public static final int MAX_NAME_LENGTH = 63;

    private static final Pattern SLUG = Pattern.compile(NAME_PATTERN);

    private final CollectionRepository repository;
    private final AuditLog audit;

    CollectionCatalog(CollectionRepository repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    /** A new collection, readable by every signed-in user and editable by its creator. */
    @Transactional
    public CollectionSummary create(String name, String description, Caller creator) {
        checkName(name);
        try {
            repository.insert(name, description, creator.userId());
        } catch (DuplicateKeyException e) {
            throw CollectionException.alreadyExists(name);
        }
        audit.record(AuditType.COLLECTION_CREATED, creator, name, Map.of());
        return find(name, creator);
    }

    /**
     * The id of the collection, created with this description when missing (by this call or a
     * concurrent one: both get the same collection). For configuration (folder sources), not
     * callers.
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

    /** The collections the caller may read, with the documents they may search counted. */
    public List<CollectionSummary> list(Caller caller) {
        return repository.findAll(caller);
    }

    public CollectionSummary find(String name, Caller caller) {
        return repository
                .findByName(name, caller)
                .orElseThrow(() -> CollectionException.notFound(name));
    }

    /** The internal ids of every collection, for modules that work on all of them. */
    public List<Long> ids() {
        return repository.findAllIds();
    }

    /**
     * The internal id of a collection, whoever may read it: for the service's own work (jobs,
     * configuration). Requests use {@link #requireReadable} or {@link #requireEditable}.
     */
    public long requireId(String name) {
        return repository.findId(name).orElseThrow(() -> CollectionException.notFound(name));
    }

    /** The id of a collection the caller may read; 404 otherwise, as if it did not exist. */
    public long requireReadable(String name, Caller caller) {
        return repository
                .rights(name, caller)
                .orElseThrow(() -> CollectionException.notFound(name))
                .id();
    }

    /** The id of a collection the caller may edit; 403 when they may only read it, else 404. */
    public long requireEditable(String name, Caller caller) {
        CollectionRepository.Rights rights =
                repository
                        .rights(name, caller)
                        .orElseThrow(() -> CollectionException.notFound(name));
        if (!rights.editable()) {
            throw CollectionException.notEditable(name);
        }
        return rights.id();
    }

    /** Whether the caller may edit the named collection (false when there is none). */
    public boolean editable(String name, Caller caller) {
        return repository
                .rights(name, caller)
                .map(CollectionRepository.Rights::editable)
                .orElse(false);
    }

    /** Whether the caller may edit the collection with this id. */
    public boolean editable(long collectionId, Caller caller) {
        return repository.editable(collectionId, caller);
    }

    /** This collection's own NOT_FOUND threshold for answers, if it has one. */
    public Optional<Double> relevanceThreshold(long collectionId) {
        return repository.relevanceThreshold(collectionId);
    }

    /** Sets (or, with null, clears) the collection's NOT_FOUND threshold. */
    @Transactional
    public CollectionSummary setRelevanceThreshold(String name, Double threshold, Caller caller) {
        if (threshold != null && (threshold.isNaN() || threshold < 0 || threshold > 1)) {
            throw CollectionException.invalidThreshold(threshold);
        }
        long id = requireEditable(name, caller);
        repository.updateRelevanceThreshold(id, threshold);
        audit.record(
                AuditType.COLLECTION_CHANGED,
                caller,
                name,
                Map.of("relevanceThreshold", threshold == null ? "default" : threshold));
        return find(name, caller);
    }

    /** Who may read and edit the collection (its editors and admins may look). */
    public CollectionAccess access(String name, Caller caller) {
        return repository.access(requireEditable(name, caller));
    }

    /** A deleted user leaves the access lists, so a new account of that name gets nothing. */
    @org.springframework.context.event.EventListener
    void forget(UserDeleted deleted) {
        repository.removeFromAccessLists(deleted.accessEntry());
    }

    /** Replaces who may read and edit the collection (admins). */
    @Transactional
    public CollectionAccess setAccess(
            String name, List<String> readers, List<String> editors, Caller caller) {
        long id = requireEditable(name, caller);
        List<String> newReaders = AccessList.normalize(readers);
        List<String> newEditors = AccessList.normalize(editors);
        repository.updateAccess(id, newReaders, newEditors);
        audit.record(
                AuditType.ACCESS_CHANGED,
                caller,
                "collection:" + name,
                Map.of("readers", newReaders, "editors", newEditors));
        return repository.access(id);
    }
}
