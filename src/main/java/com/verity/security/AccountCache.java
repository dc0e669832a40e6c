package com.verity.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Accounts and API keys as every request needs them, kept in memory so authentication costs no
 * round trip to PostgreSQL, and dropped the moment they change, on every instance: a change
 * notifies channel {@code verity_accounts} in its own transaction (delivered at commit), and each
 * instance listens on a connection of its own. While that connection is down nothing is cached and
 * every request reads the database; entries also expire after {@link #TTL}, which bounds what a
 * change made by hand in the database (not through Verity) may take to show.
 */
@Component
class AccountCache implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountCache.class);

    static final String CHANNEL = "verity_accounts";
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 10_000;
    private static final int POLL_MILLIS = 2_000;

    private final Cache<String, Optional<Account>> byName = cache();
    private final Cache<Long, Optional<Account>> byId = cache();
    private final Cache<String, Optional<ApiKeyStore.ActiveKey>> keys = cache();
    private final JdbcConnectionDetails database;
    private final JdbcClient jdbc;
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;

    AccountCache(JdbcConnectionDetails database, JdbcClient jdbc) {
        this.database = database;
        this.jdbc = jdbc;
    }

    private static <K, V> Cache<K, V> cache() {
        return Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(MAX_ENTRIES).build();
    }

    Optional<Account> byName(String username, Supplier<Optional<Account>> load) {
        return cached(byName, username, load);
    }

    Optional<Account> byId(long id, Supplier<Optional<Account>> load) {
        return cached(byId, id, load);
    }

    Optional<ApiKeyStore.ActiveKey> key(
            String hash, Supplier<Optional<ApiKeyStore.ActiveKey>> load) {
        return cached(keys, hash, load);
    }

    /** What is there is remembered; what is not is not (it may be created any moment). */
    private <K, V> Optional<V> cached(
            Cache<K, Optional<V>> cache, K key, Supplier<Optional<V>> load) {
        if (!listening) {
            return load.get();
        }
        Optional<V> value = cache.get(key, k -> load.get());
        if (value.isEmpty()) {
            cache.invalidate(key);
        }
        return value;
    }

    /**
     * The account (by id, name or both; null: unknown) changed, its keys with it: forgotten here
     * now and, once the current transaction commits, on every instance.
     */
    void changed(Long id, String username) {
        String payload =
                ACCOUNT + (id == null ? "" : id) + ":" + (username == null ? "" : username);
        forget(id, username);
        notify(payload, () -> forget(id, username));
    }

    /** The API key changed (it was revoked). */
    void keyChanged(java.util.UUID id) {
        forgetKey(id);
        notify(KEY + id, () -> forgetKey(id));
    }

    private static final String ACCOUNT = "account:";
    private static final String KEY = "key:";

    private void notify(String payload, Runnable forgetAgain) {
        jdbc.sql("select pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", payload)
                .query()
                .listOfRows();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a request may have read the old rows before the commit: forget them once more after
            // it
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            forgetAgain.run();
                        }
                    });
        }
    }

    private void forgetKey(java.util.UUID id) {
        keys.asMap().values().removeIf(k -> k.isPresent() && k.get().id().equals(id));
    }

    private void forget(Long id, String username) {
        if (username != null) {
            byName.invalidate(username);
        }
        if (id != null) {
            byId.invalidate(id);
        }
        byName.asMap().values().removeIf(a -> a.isPresent() && matches(a.get(), id, username));
        byId.asMap().values().removeIf(a -> a.isPresent() && matches(a.get(), id, username));
        keys.asMap()
                .values()
                .removeIf(k -> k.isPresent() && matches(k.get().owner(), id, username));
    }

    private static boolean matches(Account account, Long id, String username) {
        return (id != null && account.id() == id) || account.username().equals(username);
    }

    private void forgetAll() {
        byName.invalidateAll();
        byId.invalidateAll();
        keys.invalidateAll();
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "account-changes");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (running) {
            try (Connection connection =
                    DriverManager.getConnection(
                            database.getJdbcUrl(),
                            database.getUsername(),
                            database.getPassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                // whatever changed before we listened is read afresh
                forgetAll();
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            received(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn(
                            "Account changes not heard ({}); reading accounts from the database until they are again",
                            e.toString());
                }
            } finally {
                listening = false;
                forgetAll();
            }
            pause();
        }
    }

    private void received(String payload) {
        if (payload.startsWith(KEY)) {
            forgetKey(java.util.UUID.fromString(payload.substring(KEY.length())));
            return;
        }
        String account =
                payload.startsWith(ACCOUNT) ? payload.substring(ACCOUNT.length()) : payload;
        int colon = account.indexOf(':');
        String id = colon < 0 ? "" : account.substring(0, colon);
        String username = colon < 0 ? account : account.substring(colon + 1);
        forget(id.isEmpty() ? null : Long.valueOf(id), username.isEmpty() ? null : username);
    }

    private void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether changes are heard, so that entries may be cached (for tests and health). */
    boolean listening() {
        return listening;
    }
}
