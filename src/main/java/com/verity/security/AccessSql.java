package com.verity.security;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access rules as SQL, for the modules' own statements: a collection the caller may read or
 * edit, rows whose access groups the caller is in. Every fragment reads the parameters {@link
 * #bind} sets, so a statement filters by who asks inside the database, and top-k, counts and pages
 * only ever hold what the caller may see.
 */
public final class AccessSql {

    /**
     * How a passage of a document without access groups is marked: every reader of the collection
     * may read it ({@code passage.access_groups = '{*}'}); no group can be named so.
     */
    public static final String EVERY_READER = "*";

    private AccessSql() {}

    /**
     * The collection (alias {@code c}) is readable: admins read every collection; empty readers
     * means every signed-in user.
     */
    public static String collectionReadable(String c) {
        return ("(:callerAdmin or cardinality(%1$s.readers) = 0"
                        + " or %1$s.readers && cast(:callerPrincipals as text[]))")
                .formatted(c);
    }

    /**
     * The collection is editable: admins edit every collection; editors (by role) the ones whose
     * editors list names them, or, with an empty list, the ones they created.
     */
    public static String collectionEditable(String c) {
        return ("(:callerAdmin or (:callerEditor and case when cardinality(%1$s.editors) = 0"
                        + " then %1$s.creator_id = :callerId"
                        + " else %1$s.editors && cast(:callerPrincipals as text[]) end))")
                .formatted(c);
    }

    /**
     * Rows with these access groups (a {@code text[]} column) are readable: no groups, or one of
     * the caller's. Applies to admins too: it is what search, answers and counts filter by.
     */
    public static String inGroups(String column) {
        return "(cardinality(%1$s) = 0 or %1$s && cast(:callerGroups as text[]))".formatted(column);
    }

    /** Like {@link #inGroups}, but admins read everything (the document endpoints and pages). */
    public static String inGroupsOrAdmin(String column) {
        return "(:callerAdmin or " + inGroups(column) + ")";
    }

    /** Sets the parameters the fragments read. */
    public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Caller caller) {
        return statement
                .param("callerAdmin", caller.isAdmin())
                .param("callerEditor", caller.has(Role.EDITOR))
                .param("callerId", caller.userId())
                .param("callerPrincipals", caller.principalArray())
                .param("callerGroups", caller.groupArray());
    }
}
