package com.verity.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session remembers who signed in, not what they may do: on every request the account is read
 * again (from {@link AccountCache}, which forgets it the moment it changes), so changed roles and
 * groups apply at once, and a disabled or deleted user's session ends on their next request (on
 * whichever instance it lands). The refreshed caller is for this request only; the session keeps
 * the token of the sign-in.
 */
class CallerRefreshFilter extends OncePerRequestFilter {

    private final UserStore users;
    private final AccountCache cache;

    CallerRefreshFilter(UserStore users, AccountCache cache) {
        this.users = users;
        this.cache = cache;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication signedIn
                && signedIn.source() == CallerAuthentication.Source.SESSION) {
            long id = signedIn.caller().userId();
            Optional<Account> account =
                    cache.byId(id, () -> users.findById(id)).filter(Account::enabled);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            if (account.isPresent()) {
                context.setAuthentication(
                        new CallerAuthentication(
                                account.get().asCaller(), CallerAuthentication.Source.SESSION));
            } else {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
