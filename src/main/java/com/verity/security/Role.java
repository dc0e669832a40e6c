package com.verity.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a user may do. Each role includes the ones before it: an editor is also an agent, an admin
 * also an editor.
 */
public enum Role {
    /** search, ask, rate answers, own conversations */
    AGENT,
    /** AGENT, plus documents, folder sync and insight in the collections they may edit */
    EDITOR,
    /** every collection and document for management, users, keys, access, re-index, audit log */
    ADMIN;

    /** This role and every role it includes. */
    public Set<Role> included() {
        return EnumSet.range(AGENT, this);
    }

    /** The Spring Security authority of the role. */
    String authority() {
        return "ROLE_" + name();
    }
}
