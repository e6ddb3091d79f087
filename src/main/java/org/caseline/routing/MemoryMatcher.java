package org.caseline.routing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static org.caseline.routing.Interactions.ts;

/**
 * The routing rule in memory, on the node the {@link MatcherElection} chose: what waits and who is
 * free are kept here, so a decision is a look into two sorted sets (microseconds), and the offers
 * decided together are written in one transaction ({@code routing_offer_pairs}), which writes each
 * only if its contact still waits and its agent is still free. So a picture gone stale costs a
 * retry, never a second offer; and a crash loses nothing: what was not committed was never
 * offered, and the next matcher starts from the database.
 *
 * <p>One thread decides, in the order the work came. Callers wait for the commit that carries their
 * decisions; while one batch is written the next gathers, so durability is paid per batch, not per
 * decision. The picture is read whole when the matcher starts and every five seconds; who is free is
 * read whole with every "offer what can be offered" (each sweep, twice a second); and each piece of
 * work rereads the agents and contact it names, since other parts of routing change them in the database.
 */
@Component
class MemoryMatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MemoryMatcher.class);
    /** Work taken into one batch at most: one transaction's worth. */
    private static final int BATCH = 500;
    /** Passes over a batch's work whose pairs did not hold (a contact gone, an agent no longer free). */
    private static final int PASSES = 4;
    private static final Duration WAIT_FOR_COMMIT = Duration.ofSeconds(10);
    /**
     * How often the whole picture is read again, however little seemed to change: every way into
     * the line tells the matcher, so this is the bound on what a missed message could cost.
     */
    private static final Duration FULL_READ = Duration.ofSeconds(5);

    /**
     * Work for the matcher: these agents became free, this contact arrived (with these agents freed
     * beside it, who are read again but not matched one by one), or everyone.
     */
    private record Work(List<String> agents, UUID contact, boolean everyone, CompletableFuture<Integer> done) {
    }

    /** A contact waiting in a call queue, as the rule needs it. */
    private record Waiting(UUID id, String queue, Set<String> skills, boolean tier1, Instant tier2From, String targetAgent,
                           Instant notBefore, Instant rankAt, Instant enteredAt, int priority) {
        boolean eligibleFor(Free a, Instant now) {
            return (targetAgent == null || targetAgent.equals(a.username()))
                    && (notBefore == null || !notBefore.isAfter(now))
                    && (a.tier() == 1 ? tier1 : tier2From != null && !tier2From.isAfter(now));
        }
    }

    /** An available agent in no chat. */
    private record Free(String username, int tier, Set<String> skills, Instant idleSince) {
    }

    /** One decision, before it is written. */
    private record Pair(Waiting contact, Free agent, String reason, Work work) {
    }

    private static final Comparator<Waiting> IN_LINE = Comparator.comparing(Waiting::rankAt).thenComparing(Waiting::id);
    private static final Comparator<Free> IDLE_LONGEST = Comparator.comparingInt(Free::tier).thenComparing(Free::idleSince)
            .thenComparing(Free::username);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RoutingProperties settings;
    private final RoutingNotifications notifications;
    private final LinkedBlockingQueue<Work> work = new LinkedBlockingQueue<>();

    // the picture: touched by the matcher's thread only
    private final Map<UUID, Waiting> waiting = new HashMap<>();
    /** Waiting contacts by the skills they need, first in line first: an agent looks only at the lines they serve. */
    private final Map<Set<String>, NavigableSet<Waiting>> lines = new HashMap<>();
    private final Map<String, Free> free = new HashMap<>();
    private final NavigableSet<Free> byIdle = new TreeSet<>(IDLE_LONGEST);
    private volatile boolean stale = true;
    private long readAt;

    private volatile Thread thread;

    MemoryMatcher(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RoutingProperties settings, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.notifications = notifications;
    }

    /** Offers each of these agents who is free, in turn, the contact first in line they serve; the number offered. */
    int routeAgents(List<String> usernames) {
        return await(submitAgents(usernames));
    }

    /**
     * Offers the contact, if still waiting, to the eligible free agent idle longest; whether it was
     * offered. {@code freed}: agents who became free with it (one who turned it down), read again first.
     */
    boolean routeInteraction(UUID id, List<String> freed) {
        return await(submitContact(id, freed)) > 0;
    }

    /** Rereads the picture and offers what can be offered now; the number offered. */
    int routeAll() {
        return await(submit(new Work(List.of(), null, true, new CompletableFuture<>())));
    }

    /** Work another node sent: decided in turn, nobody waits for it. */
    CompletableFuture<Integer> submitAgents(List<String> usernames) {
        return submit(new Work(List.copyOf(usernames), null, false, new CompletableFuture<>()));
    }

    CompletableFuture<Integer> submitContact(UUID id, List<String> freed) {
        return submit(new Work(List.copyOf(freed), id, false, new CompletableFuture<>()));
    }

    /** The picture is no longer to be trusted (a new term, a lost connection): the next batch reads it whole. */
    void forget() {
        stale = true;
    }

    private CompletableFuture<Integer> submit(Work w) {
        if (thread == null) {
            w.done().completeExceptionally(new IllegalStateException("the matcher is not running"));
        } else {
            work.add(w);
        }
        return w.done();
    }

    private static int await(CompletableFuture<Integer> done) {
        try {
            return done.get(WAIT_FOR_COMMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while routing", e);
        } catch (Exception e) {
            throw new IllegalStateException("the matcher did not decide: " + e, e);
        }
    }

    private void run() {
        List<Work> batch = new ArrayList<>();
        while (thread != null) {
            try {
                Work first = work.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                work.drainTo(batch, BATCH - 1);
                decide(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                stale = true;
                log.warn("Routing decisions failed; they are retried by the next sweep: {}", e.toString());
                batch.forEach(w -> w.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        for (Work w; (w = work.poll()) != null; ) {
            w.done().completeExceptionally(new IllegalStateException("the matcher stopped"));
        }
    }

    private void decide(List<Work> batch) {
        Instant now = clock.instant();
        long tick = System.nanoTime();
        if (stale || tick - readAt > FULL_READ.toNanos()) {
            stale = true; // until the read is done: a failure half way leaves it stale
            readAll();
            readAt = tick;
            stale = false;
        } else if (batch.stream().anyMatch(Work::everyone)) {
            readAgents();
            rereadContacts(batch); // the named agents were just read with everyone else
        } else {
            rereadAgents(batch);
            rereadContacts(batch);
        }
        Map<Work, Integer> offered = new HashMap<>();
        List<Work> todo = batch;
        for (int pass = 0; pass < PASSES && !todo.isEmpty(); pass++) {
            List<Pair> pairs = new ArrayList<>();
            for (Work w : todo) {
                match(w, now, pairs);
            }
            if (pairs.isEmpty()) {
                break;
            }
            List<String> outcomes = write(pairs, now);
            Set<Work> again = new LinkedHashSet<>();
            for (int k = 0; k < pairs.size(); k++) {
                Pair p = pairs.get(k);
                switch (outcomes.get(k)) {
                    case "offered" -> offered.merge(p.work(), 1, Integer::sum);
                    case "contact" -> { // gone (abandoned, called back, handed on): the agent is still free
                        addFree(p.agent());
                        again.add(p.work());
                    }
                    default -> { // the agent no longer free: the contact still waits
                        addWaiting(p.contact());
                        again.add(p.work());
                    }
                }
            }
            todo = List.copyOf(again);
        }
        for (Work w : batch) {
            w.done().complete(offered.getOrDefault(w, 0));
        }
    }

    /** Decides the work's pairs against the picture, taking each pair's contact and agent out of it. */
    private void match(Work w, Instant now, List<Pair> pairs) {
        if (w.contact() != null) {
            Waiting c = waiting.get(w.contact());
            if (c == null) {
                return;
            }
            for (Free a : byIdle) {
                if (a.skills().containsAll(c.skills()) && c.eligibleFor(a, now)) {
                    take(c, a);
                    pairs.add(new Pair(c, a, "new in %s; %s (tier %d) is the eligible agent idle longest (%d s)".formatted(c.queue(),
                            a.username(), a.tier(), Math.max(0, Duration.between(a.idleSince(), now).toSeconds())), w));
                    return;
                }
            }
            return;
        }
        List<String> agents = w.everyone() ? byIdle.stream().map(Free::username).toList() : w.agents();
        for (String username : agents) {
            Free a = free.get(username);
            if (a == null) {
                continue;
            }
            Waiting first = firstInLineFor(a, now);
            if (first != null) {
                take(first, a);
                pairs.add(new Pair(first, a, "%s (tier %d) became free; first in line among the queues they serve: %s, waiting %d s, priority %d"
                        .formatted(a.username(), a.tier(), first.queue(), Math.max(0, Duration.between(first.enteredAt(), now).toSeconds()),
                                first.priority()), w));
            }
        }
    }

    private Waiting firstInLineFor(Free a, Instant now) {
        Waiting best = null;
        for (Map.Entry<Set<String>, NavigableSet<Waiting>> line : lines.entrySet()) {
            if (!a.skills().containsAll(line.getKey())) {
                continue;
            }
            for (Waiting c : line.getValue()) {
                if (best != null && IN_LINE.compare(c, best) >= 0) {
                    break; // nothing further down this line comes before the best so far
                }
                if (c.eligibleFor(a, now)) {
                    best = c;
                    break;
                }
            }
        }
        return best;
    }

    /** Writes the pairs in one transaction; each pair's outcome: offered, or which side no longer held. */
    private List<String> write(List<Pair> pairs, Instant now) {
        UUID[] contacts = pairs.stream().map(p -> p.contact().id()).toArray(UUID[]::new);
        String[] agents = pairs.stream().map(p -> p.agent().username()).toArray(String[]::new);
        String[] reasons = pairs.stream().map(Pair::reason).toArray(String[]::new);
        List<String> outcomes = tx.execute(status -> jdbc.sql("select outcome from routing_offer_pairs(?, ?, ?, ?, ?, ?, ?) order by pair")
                .params(contacts, agents, reasons, ts(now), ts(now.plus(settings.offerTimeout())), notifications.node(),
                        RoutingNotifications.CHANNEL)
                .query(String.class).list());
        if (outcomes == null || outcomes.size() != pairs.size()) {
            throw new IllegalStateException("the journal answered " + outcomes + " for " + pairs.size() + " offers");
        }
        return outcomes;
    }

    // --- the picture ----------------------------------------------------------------------------

    private static final String WAITING_ROWS = """
            select id, queue, skills, tier1, tier2_from, target_agent, not_before, rank_at, entered_at, priority, state, channel
            from routing_interaction""";
    private static final String AGENT_ROWS = """
            select g.username, g.tier, g.skills, g.idle_since, g.state,
                   exists (select 1 from routing_interaction h where h.agent = g.username and h.channel = 'CHAT' and h.state = 'CONNECTED') as chatting
            from routing_agent g""";

    private void readAll() {
        waiting.clear();
        lines.clear();
        jdbc.sql(WAITING_ROWS + " where state = 'WAITING' and channel not in ('MESSAGE', 'CHAT')").query(this::seeContact).list();
        readAgents();
    }

    /** Who is free, read whole (agents become free in ways routing does not always hear of at once: a wrap-up running out). */
    private void readAgents() {
        free.clear();
        byIdle.clear();
        jdbc.sql(AGENT_ROWS + " where g.state = 'AVAILABLE'").query(this::seeAgent).list();
    }

    /** The agents this batch names, as the database has them now. */
    private void rereadAgents(List<Work> batch) {
        Set<String> agents = new LinkedHashSet<>();
        batch.forEach(w -> agents.addAll(w.agents()));
        if (!agents.isEmpty()) {
            agents.forEach(this::dropFree);
            jdbc.sql(AGENT_ROWS + " where g.username = any(?)").param(agents.toArray(String[]::new)).query(this::seeAgent).list();
        }
    }

    /** The contacts this batch names, as the database has them now. */
    private void rereadContacts(List<Work> batch) {
        List<UUID> contacts = batch.stream().map(Work::contact).filter(Objects::nonNull).toList();
        if (!contacts.isEmpty()) {
            contacts.forEach(this::dropWaiting);
            jdbc.sql(WAITING_ROWS + " where id = any(?)").param(contacts.toArray(UUID[]::new)).query(this::seeContact).list();
        }
    }

    private Object seeContact(ResultSet r, int row) throws SQLException {
        String channel = r.getString("channel");
        if ("WAITING".equals(r.getString("state")) && !"MESSAGE".equals(channel) && !"CHAT".equals(channel)) {
            addWaiting(new Waiting(r.getObject("id", UUID.class), r.getString("queue"), strings(r.getArray("skills")),
                    r.getBoolean("tier1"), instant(r, "tier2_from"), r.getString("target_agent"), instant(r, "not_before"),
                    instant(r, "rank_at"), instant(r, "entered_at"), r.getInt("priority")));
        }
        return null;
    }

    private Object seeAgent(ResultSet r, int row) throws SQLException {
        if ("AVAILABLE".equals(r.getString("state")) && !r.getBoolean("chatting")) {
            Instant idle = instant(r, "idle_since");
            addFree(new Free(r.getString("username"), r.getInt("tier"), strings(r.getArray("skills")), idle == null ? Instant.EPOCH : idle));
        }
        return null;
    }

    private void take(Waiting c, Free a) {
        dropWaiting(c.id());
        dropFree(a.username());
    }

    private void addWaiting(Waiting c) {
        dropWaiting(c.id());
        waiting.put(c.id(), c);
        lines.computeIfAbsent(c.skills(), k -> new TreeSet<>(IN_LINE)).add(c);
    }

    private void dropWaiting(UUID id) {
        Waiting c = waiting.remove(id);
        if (c != null) {
            NavigableSet<Waiting> line = lines.get(c.skills());
            line.remove(c);
            if (line.isEmpty()) {
                lines.remove(c.skills());
            }
        }
    }

    private void addFree(Free a) {
        dropFree(a.username());
        free.put(a.username(), a);
        byIdle.add(a);
    }

    private void dropFree(String username) {
        Free a = free.remove(username);
        if (a != null) {
            byIdle.remove(a);
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        java.sql.Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // --- lifecycle ------------------------------------------------------------------------------

    @Override
    public void start() {
        Thread t = Thread.ofPlatform().name("routing-matcher").daemon().unstarted(this::run);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(WAIT_FOR_COMMIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Running before the election, which may hand it work as soon as it wins. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }
}
