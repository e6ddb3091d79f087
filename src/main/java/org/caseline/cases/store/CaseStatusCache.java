package org.caseline.cases.store;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.caseline.cases.CaseStatusView;
import org.caseline.platform.DatabaseListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This node's recent status views, so that the receipts people ask for again and again (a case
 * that just moved, checked every hour) cost no database round trip. Any change to a case drops
 * its view on every node: here when the change commits, elsewhere when PostgreSQL's
 * {@code NOTIFY} arrives (a fraction of a second later). A node that lost the notifications for a
 * while forgets everything when it listens again, and no view is kept longer than
 * {@code caseline.case-status.cache.ttl} in any case. "No such case" is remembered too: a case
 * created later drops it the same way.
 */
@Component
public class CaseStatusCache implements SmartLifecycle {

    static final String CHANNEL = "caseline_cases";

    private final Cache<String, Optional<CaseStatusView>> views;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private volatile DatabaseListener listener;

    CaseStatusCache(DataSource dataSource, JdbcClient jdbc,
                    @Value("${caseline.case-status.cache.size:50000}") long size,
                    @Value("${caseline.case-status.cache.ttl:5m}") Duration ttl) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.views = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
    }

    /** The view of {@code receipt}, read with {@code load} when this node has none. */
    public Optional<CaseStatusView> get(String receipt, Function<String, Optional<CaseStatusView>> load) {
        return views.get(receipt, load);
    }

    /**
     * {@code receipt} is changing in the current transaction: every node drops its view once the
     * change is committed (PostgreSQL delivers the notification only then, and not at all after
     * a rollback).
     */
    void changed(String receipt) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, receipt).query(Object.class).list();
        views.invalidate(receipt);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a read on this node between now and the commit would put the old view back
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    views.invalidate(receipt);
                }
            });
        }
    }

    @Override
    public void start() {
        listener = DatabaseListener.start(dataSource, CHANNEL, views::invalidate, views::invalidateAll);
    }

    @Override
    public void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
