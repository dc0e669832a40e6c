package com.verity.security;

/**
 * What the sign-in filters tell the sign-in page (in the {@code ui} module) about a refused
 * attempt.
 */
public final class SignInPages {

    /** The sign-in form. */
    public static final String LOGIN = "/login";

    /** Where a locked sign-in is forwarded to; answers 429 with the login form. */
    public static final String THROTTLED = "/login/throttled";

    /** Request attribute with the seconds until a locked sign-in may be tried again (a Long). */
    public static final String RETRY_AFTER = "verity.signIn.retryAfterSeconds";

    /** Session attribute with why a single sign-on failed, in words fit to show. */
    public static final String SSO_ERROR = "verity.signIn.ssoError";

    private SignInPages() {}
}
