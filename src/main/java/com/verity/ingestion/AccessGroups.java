package com.verity.ingestion;

import com.verity.security.Caller;
import com.verity.security.Groups;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The access groups a caller gives a document: normalised, and, unless the caller is an admin,
 * including one of the caller's own groups, so nobody hides a document from themselves by mistake.
 */
@Component
class AccessGroups {

    /** Groups as sent: repeated fields, comma-separated values, or both; blanks ignored. */
    static List<String> parse(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        for (String value : values) {
            for (String part : value == null ? new String[0] : value.split(",")) {
                if (!part.isBlank()) {
                    groups.add(part);
                }
            }
        }
        return groups;
    }

    List<String> check(List<String> requested, Caller caller) {
        List<String> groups = Groups.normalize(requested);
        if (!groups.isEmpty()
                && !caller.isAdmin()
                && groups.stream().noneMatch(caller.groups()::contains)) {
            throw IngestionException.groupsExcludeCaller(groups, caller.groups());
        }
        return groups;
    }
}
