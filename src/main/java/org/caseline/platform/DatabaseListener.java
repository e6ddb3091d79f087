package org.caseline.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears a PostgreSQL {@code NOTIFY} channel on a connection of its own, on a thread of its own, and
 * hands each payload on: how every node learns what any node changed. When the database goes
 * away it listens again a second later, for as long as it runs.
 */
public final class DatabaseListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseListener.class);

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<String> payloads;
    private final Runnable listening;
    private final Thread thread;
    private volatile boolean running = true;

    private DatabaseListener(DataSource dataSource, String channel, Consumer<String> payloads, Runnable listening) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.payloads = payloads;
        this.listening = listening;
        this.thread = Thread.ofPlatform().name(channel.replace('_', '-')).daemon().unstarted(this::listen);
    }

    /** Starts listening on {@code channel}; {@code payloads} is called on the listener's thread, one payload at a time. */
    public static DatabaseListener start(DataSource dataSource, String channel, Consumer<String> payloads) {
        return start(dataSource, channel, payloads, () -> { });
    }

    /**
     * As {@link #start(DataSource, String, Consumer)}, and {@code listening} runs each time the
     * listener (re)connects: whatever was notified while it was away is lost, and a listener that
     * keeps copies of data must forget them then.
     */
    public static DatabaseListener start(DataSource dataSource, String channel, Consumer<String> payloads, Runnable listening) {
        DatabaseListener listener = new DatabaseListener(dataSource, channel, payloads, listening);
        listener.thread.start();
        return listener;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                listening.run();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(250);
                    if (received == null) {
                        continue;
                    }
                    for (PGNotification notification : received) {
                        if (!channel.equals(notification.getName())) {
                            continue; // a pooled connection may still hear what an earlier holder listened to
                        }
                        try {
                            payloads.accept(notification.getParameter());
                        } catch (RuntimeException e) {
                            log.warn("A notification on {} was not handled: {}", channel, e.toString());
                        }
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *"); // the connection goes back to the pool: it hears nothing for its next holder
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Notifications on {} interrupted ({}); listening again in a second", channel, e.toString());
                    try {
                        Thread.sleep(1000); // the database is away: wait before reconnecting, rather than spin
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
