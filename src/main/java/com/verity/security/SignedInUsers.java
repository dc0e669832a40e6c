package com.verity.security;

import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends what keeps a user signed in: their web sessions (shared by all instances in PostgreSQL, so
 * ended everywhere at once) and their API keys. Every request re-reads its account besides, so a
 * disabled user is refused on the next request whatever else happens.
 */
@Component
class SignedInUsers {

    private static final Logger log = LoggerFactory.getLogger(SignedInUsers.class);

    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;
    private final ApiKeyStore keys;

    SignedInUsers(
            ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions,
            ApiKeyStore keys) {
        this.sessions = sessions;
        this.keys = keys;
    }

    /** Ends every session and revokes every key of the account. */
    void end(Account account) {
        int ended = endSessions(account, null);
        int revoked = keys.revokeAllOf(account.id());
        log.info(
                "Signed {} out: {} session(s) ended, {} API key(s) revoked",
                account.username(),
                ended,
                revoked);
    }

    /** Ends the account's sessions but the one of the request being served (a password change). */
    void endOtherSessions(Account account) {
        endSessions(account, currentSessionId());
    }

    private int endSessions(Account account, String keep) {
        FindByIndexNameSessionRepository<? extends Session> repository = sessions.getIfAvailable();
        if (repository == null) {
            return 0;
        }
        Map<String, ? extends Session> found = repository.findByPrincipalName(account.username());
        int ended = 0;
        for (String id : found.keySet()) {
            if (!id.equals(keep)) {
                repository.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes()
                instanceof ServletRequestAttributes request) {
            HttpSession session = request.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
