package org.caseline.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.caseline.CaseLineApplication;
import org.caseline.support.MondayMorning;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: the routing benchmark ({@code bench/routing.sh} runs it). 10,000 contacts wait in
 * the ten queues; 2,000 agents with mixed skills (languages, lines, tiers) become available; each
 * decision is one agent taking the first contact in line among the queues they serve, asked from
 * several threads at once, on one node or two nodes sharing the database (the elected node decides
 * in memory; the other forwards). Prints decisions per second and the latency of each decision
 * (p50, p99, max), then the rate of offers when everyone is free at once.
 */
class RoutingBenchmark {

    private static final Clock MONDAY_10AM = Clock.fixed(MondayMorning.AT.toInstant(), ZoneId.of("UTC"));
    private static final String[] QUEUES = {"general-en", "general-es", "tty-en", "tty-es", "military-en", "military-es",
            "premium-en", "premium-es", "tier2-en", "tier2-es"};

    @Test
    void routeTenThousandContactsToTwoThousandAgents() throws Exception {
        int nodes = Integer.getInteger("bench.nodes", 1);
        int threads = Integer.getInteger("bench.threads", 8);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int batch = Integer.getInteger("bench.batch", 1);
        Path data = Files.createTempDirectory("routing-bench");
        try (var a = node("bench-a", "--caseline.database.embedded.data-dir=" + data.resolve("pg"),
                "--caseline.database.embedded.clean=true")) {
            ConfigurableApplicationContext b = null;
            if (nodes == 2) {
                HikariDataSource db = a.getBean(HikariDataSource.class);
                b = node("bench-b", "--spring.datasource.url=" + db.getJdbcUrl(),
                        "--spring.datasource.username=" + db.getUsername());
            }
            try {
                run(a, b, threads, rounds, batch);
            } finally {
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    private void run(ConfigurableApplicationContext a, ConfigurableApplicationContext b, int threads, int rounds, int batch)
            throws Exception {
        JdbcClient db = a.getBean(JdbcClient.class);
        List<String> agents = seed(db);
        long t0 = System.nanoTime();
        for (int k = 0; k < 2000; k++) {
            db.sql("select 1").query(Integer.class).single();
        }
        System.out.printf("round baseline: select 1 through JdbcClient: %.3f ms each%n", (System.nanoTime() - t0) / 2000 / 1e6);
        Router[] routers = b == null ? new Router[] {a.getBean(Router.class)}
                : new Router[] {a.getBean(Router.class), b.getBean(Router.class)};
        List<Long> latencies = new ArrayList<>();
        long decisions = 0;
        long offersInAll = 0;
        long elapsed = 0;
        for (int round = 0; round < rounds + 1; round++) {
            reset(a, b);
            ConcurrentLinkedQueue<String> todo = new ConcurrentLinkedQueue<>(agents);
            ConcurrentLinkedQueue<long[]> times = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Router router = routers[t % routers.length];
                work.add(pool.submit(() -> {
                    // agents who become free within the same moment are decided together (bench.batch at a time);
                    // each decision's latency is that of the call that made it
                    List<String> free = new ArrayList<>(batch);
                    while (true) {
                        free.clear();
                        String agent;
                        while (free.size() < batch && (agent = todo.poll()) != null) {
                            free.add(agent);
                        }
                        if (free.isEmpty()) {
                            return null;
                        }
                        long before = System.nanoTime();
                        int offered = router.routeAgents(free);
                        long took = System.nanoTime() - before;
                        for (int k = 0; k < free.size(); k++) {
                            times.add(new long[] {took, k < offered ? 1 : 0});
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long took = System.nanoTime() - start;
            pool.shutdown();
            int twice = db.sql("select count(*) from (select interaction from routing_decision where kind = 'OFFERED'"
                    + " group by interaction having count(*) > 1) x").query(Integer.class).single();
            long offers = times.stream().filter(x -> x[1] == 1).count();
            // the sweep (each node's, twice a second) offers to whoever is free too: the log has every offer of the round
            int logged = db.sql("select count(*) from routing_decision where kind = 'OFFERED'").query(Integer.class).single();
            System.out.printf("round %d: %d decisions (%d offers by those calls, %d offers in all) in %.2f s, offered twice: %d%n",
                    round, times.size(), offers, logged, took / 1e9, twice);
            if (Boolean.getBoolean("bench.explain") && round == 0) {
                explainMidRound(a, agents);
            }
            if (round == 0) {
                continue; // warm-up: the JIT and PostgreSQL's caches
            }
            decisions += times.size();
            offersInAll += logged;
            elapsed += took;
            times.forEach(x -> latencies.add(x[0]));
        }
        // everyone free at once (a shift starting, the sweep after a pause): one "offer what can be offered" takes them all
        long allTook = 0;
        int allOffers = 0;
        for (int round = 0; round < rounds + 1; round++) {
            reset(a, b);
            long before = System.nanoTime();
            int offered = routers[0].routeAll();
            long took = System.nanoTime() - before;
            int logged = db.sql("select count(*) from routing_decision where kind = 'OFFERED'").query(Integer.class).single();
            System.out.printf("round all %d: %d offered by one call (%d in all) in %.1f ms%n", round, offered, logged, took / 1e6);
            if (round > 0) {
                allTook += took;
                allOffers += logged;
            }
        }
        System.out.printf("RESULT everyone-free-at-once offers=%d rate=%.0f/s%n", allOffers, allOffers / (allTook / 1e9));
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("RESULT nodes=%d threads=%d batch=%d decisions=%d rate=%.0f/s offers=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms%n",
                routers.length, threads, batch, decisions, decisions / (elapsed / 1e9), offersInAll / (elapsed / 1e9), sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** Every contact waiting again, every agent free, no decision logged: the start of a round. */
    private static void reset(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
        JdbcClient db = a.getBean(JdbcClient.class);
        db.sql("update routing_interaction set state = 'WAITING', agent = null, offered_at = null, offer_expires_at = null"
                + " where state = 'OFFERED'").update();
        db.sql("update routing_agent set state = 'AVAILABLE', interaction = null").update();
        db.sql("delete from routing_decision").update();
        // the reset went behind the matchers' back (real contacts come back through routing): they reread the database
        a.getBean(MemoryMatcher.class).forget();
        if (b != null) {
            b.getBean(MemoryMatcher.class).forget();
        }
    }

    /** The decision statement's plan halfway through a round: half the agents offered, half still free. */
    private static void explainMidRound(ConfigurableApplicationContext a, List<String> agents) throws Exception {
        JdbcClient db = a.getBean(JdbcClient.class);
        db.sql("update routing_interaction set state = 'WAITING', agent = null where state = 'OFFERED'").update();
        db.sql("update routing_agent set state = 'AVAILABLE', interaction = null").update();
        Router router = a.getBean(Router.class);
        for (int k = 0; k < 1000; k++) {
            router.routeAgent(agents.get(k));
        }
        String sql = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("target/route-agent.sql")));
        try (var c = a.getBean(javax.sql.DataSource.class).getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("explain (analyze, buffers) " + sql)) {
                var rs = st.executeQuery();
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1));
                }
            }
            c.rollback();
        }
    }

    /** 2,000 agents with mixed skills and 10,000 contacts waiting, written in bulk. */
    private static List<String> seed(JdbcClient db) {
        Random random = new Random(42);
        List<String> agents = new ArrayList<>();
        Timestamp now = Timestamp.from(MONDAY_10AM.instant());
        for (int i = 0; i < 2000; i++) {
            String name = "bench-" + i;
            agents.add(name);
            int tier = i % 10 == 0 ? 2 : 1;
            List<String> skills = new ArrayList<>();
            int language = random.nextInt(10);
            if (language < 7 || language == 9) {
                skills.add("en");
            }
            if (language >= 7) {
                skills.add("es");
            }
            skills.add("general");
            for (String line : new String[] {"tty", "military", "premium"}) {
                if (random.nextInt(3) == 0) {
                    skills.add(line);
                }
            }
            if (tier == 2) {
                skills.add("case");
            }
            db.sql("insert into staff_user (username, password_hash, display_name) values (?, 'x', ?)").params(name, name).update();
            db.sql("insert into staff_role (username, role) values (?, ?)").params(name, tier == 2 ? "TIER2" : "TIER1").update();
            db.sql("""
                            insert into routing_agent (username, tier, skills, state, state_since, idle_since)
                            values (?, ?, ?::text[], 'BREAK', ?, ?)""")
                    .params(name, tier, skills.toArray(String[]::new), now, Timestamp.from(MONDAY_10AM.instant().minusSeconds(i)))
                    .update();
        }
        Instant start = MONDAY_10AM.instant().minusSeconds(1200); // all within every queue's maximum wait
        for (int i = 0; i < 10_000; i++) {
            String queue = QUEUES[random.nextInt(QUEUES.length)];
            String language = queue.substring(queue.length() - 2);
            String line = queue.substring(0, queue.indexOf('-'));
            String[] skills = line.equals("tier2") ? new String[] {language, "case"} : new String[] {language, line};
            Timestamp entered = Timestamp.from(start.plusMillis(i * 100L));
            db.sql("""
                            insert into routing_interaction (id, channel, queue, language, skills, priority, attributes, state,
                                entered_at, rank_at, tier1, tier2_from)
                            values (?, 'VOICE', ?, ?, ?::text[], 0, '{}'::jsonb, 'WAITING', ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), queue, language, skills, entered, entered, !line.equals("tier2"),
                            line.equals("tier2") ? entered : null)
                    .update();
        }
        System.out.println("seeded 2000 agents, 10000 contacts; skills: "
                + Arrays.toString(db.sql("select skills::text from routing_agent limit 3").query(String.class).list().toArray()));
        db.sql("analyze").update();
        if (Boolean.getBoolean("bench.explain")) {
            db.sql("""
                            explain (analyze, buffers) select r.id from routing_interaction r, routing_agent a
                            where a.username = 'bench-5' and r.state = 'WAITING' and r.skills <@ a.skills
                              and (r.target_agent is null or r.target_agent = a.username)
                              and (case when a.tier = 1 then r.tier1 else r.tier2_from <= now() end)
                              and (r.not_before is null or r.not_before <= now())
                            order by r.rank_at limit 1 for update of r skip locked""")
                    .query(String.class).list().forEach(System.out::println);
        }
        return agents;
    }

    private static ConfigurableApplicationContext node(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--caseline.routing.node=" + name,
                "--caseline.demo.cases=10", "--logging.level.org.caseline=WARN",
                "--spring.datasource.hikari.maximum-pool-size=16",
                "--spring.datasource.hikari.connection-init-sql=" + System.getProperty("bench.initsql", "select 1")));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(CaseLineApplication.class)
                .profiles("test")
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MONDAY_10AM))
                .run(args.toArray(String[]::new));
    }
}
