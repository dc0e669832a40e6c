package com.verity.assistant;

import com.verity.security.AccessSql;

/**
 * Whether a recorded turn may be shown to a caller: every document it drew on must be readable to
 * them, with the access groups it had when the turn was recorded (the turn holds its text) and with
 * the ones it has now. Admins see every turn, as they manage every document.
 */
final class TurnAccess {

    /**
     * The turn (alias {@code t}) may be shown; reads the parameters {@link AccessSql#bind} sets.
     */
    static final String READABLE =
            """
            (:callerAdmin or (
                not exists (select 1 from jsonb_array_elements(t.access_groups) as was(groups)
                            where not exists (select 1 from jsonb_array_elements_text(was.groups) g
                                              where g = any(cast(:callerGroups as text[]))))
                and not exists (select 1 from document d
                                where d.id = any(t.document_ids) and not %s)))
            """
                    .formatted(AccessSql.inGroups("d.access_groups"));

    private TurnAccess() {}
}
