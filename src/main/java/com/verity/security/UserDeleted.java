package com.verity.security;

/**
 * A user was deleted: whatever names them by username (collection access lists) forgets them, so a
 * later account of the same name inherits nothing. Published inside the deleting transaction.
 */
public record UserDeleted(String username) {

    /** How access lists name the user. */
    public String accessEntry() {
        return AccessList.USER_PREFIX + username;
    }
}
