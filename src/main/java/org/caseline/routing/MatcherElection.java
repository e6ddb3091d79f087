package org.caseline.routing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Which node matches: the one holding a PostgreSQL advisory lock, on a connection of its own. A
 * node that dies loses its connection, PostgreSQL lets the lock go, and the next node to try (each
 * tries every second) takes it; so routing has a matcher again within seconds, with no coordinator
 * but the database. A node that cannot reach the database steps down at once.
 *
 * <p>The election connection is opened beside the pool, not taken from it: it is held for as long
 * as the node matches, and the pool's connections are for work.
 */
@Component
class MatcherElection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MatcherElection.class);
    /** The advisory lock's key: any number no other part of the application locks. */
    static final long LOCK = 0x6361_7365_6c69_6e65L; // "caseline"
    private static final long TICK_MS = 1000;

    private final DataSource dataSource;
    private final MemoryMatcher memory;
    private final String node;
    private ScheduledExecutorService ticks;
    private Connection held;
    private volatile boolean leads;
    private volatile boolean anotherLeads;

    MatcherElection(DataSource dataSource, MemoryMatcher memory, RoutingNotifications notifications) {
        this.dataSource = dataSource;
        this.memory = memory;
        this.node = notifications.node();
    }

    /** Whether this node is the one matching now. */
    boolean leads() {
        return leads;
    }

    /** Whether another node held the lock at the last look (false also while nobody does: then each node decides in the database). */
    boolean anotherLeads() {
        return anotherLeads;
    }

    private synchronized void tick() {
        try {
            if (held == null || held.isClosed()) {
                held = connect();
            }
            if (leads) {
                try (Statement s = held.createStatement()) {
                    s.execute("select 1"); // still connected, so still holding it
                }
                return;
            }
            try (Statement s = held.createStatement();
                 ResultSet r = s.executeQuery("select pg_try_advisory_lock(" + LOCK + ")")) {
                r.next();
                if (r.getBoolean(1)) {
                    memory.forget(); // whatever it knew from an earlier term is old: it starts from the database
                    leads = true;
                    anotherLeads = false;
                    log.info("This node ({}) matches routing now", node);
                    return;
                }
            }
            try (Statement s = held.createStatement();
                 ResultSet r = s.executeQuery("select exists (select 1 from pg_locks where locktype = 'advisory' and granted"
                         + " and ((classid::bigint << 32) | objid::bigint) = " + LOCK + ")")) {
                r.next();
                anotherLeads = r.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            if (leads) {
                log.warn("This node ({}) stops matching routing: its election connection failed ({})", node, e.toString());
            }
            stepDown();
        }
    }

    private void stepDown() {
        leads = false;
        anotherLeads = false;
        memory.forget();
        if (held != null) {
            try {
                held.close();
            } catch (SQLException ignored) {
                // gone already
            }
            held = null;
        }
    }

    private Connection connect() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            Connection c = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            c.setAutoCommit(true);
            return c;
        }
        return dataSource.getConnection();
    }

    @Override
    public synchronized void start() {
        tick(); // before the first call is taken: one node alone matches from its first decision
        ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("routing-election").daemon().factory());
        ticks.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = ticks;
        if (t != null) {
            t.shutdownNow();
            ticks = null;
        }
        synchronized (this) {
            stepDown(); // the lock goes with the connection: the next node takes it at its next try
        }
    }

    @Override
    public boolean isRunning() {
        return ticks != null;
    }

    /** Before the web server and the SIP endpoint take their first contact; stopped after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
