package com.verity.security;

/**
 * What a request needs: nothing (public), or a signed-in caller with a role and, through an API
 * key, a scope.
 *
 * @param role the role needed; null: any signed-in user
 * @param scope the scope an API key needs; null: any key
 * @param password true when only a signed-in user may do it (session or HTTP Basic), never a key:
 *     changing one's password, managing keys without the admin scope
 * @param apiDocs true for the API description, which {@code verity.security.api-docs-public} opens
 */
public record Access(boolean open, Role role, Scope scope, boolean password, boolean apiDocs) {

    static final Access PUBLIC = new Access(true, null, null, false, false);
    static final Access SIGNED_IN = new Access(false, null, null, false, false);

    /**
     * The API description's: ADMIN, or anyone when {@code verity.security.api-docs-public} is set.
     */
    static final Access API_DOCS = new Access(false, Role.ADMIN, Scope.ADMIN, false, true);

    static Access of(Role role, Scope scope) {
        return new Access(false, role, scope, false, false);
    }

    static Access passwordOnly() {
        return new Access(false, null, null, true, false);
    }

    /** Whether the caller meets it (a public rule is met by anyone, signed in or not). */
    boolean allows(Caller caller, boolean viaKey) {
        if (open) {
            return true;
        }
        if (caller == null) {
            return false;
        }
        if (password && viaKey) {
            return false;
        }
        return (role == null || caller.has(role))
                && (scope == null || caller.scopes().contains(scope));
    }

    /** Why a caller that does not meet it is refused, in words. */
    String refusal(Caller caller, boolean viaKey) {
        if (password && viaKey) {
            return "This needs a signed-in user (session or HTTP Basic), not an API key.";
        }
        if (role != null && !caller.has(role)) {
            return "This needs the %s role; ask an admin if you should have it.".formatted(role);
        }
        return "This API key lacks the '%s' scope; create a key with it (POST /api/api-keys)."
                .formatted(scope.value());
    }
}
