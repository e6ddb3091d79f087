package org.caseline.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.caseline.CaseLineApplication;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: the written contacts benchmark ({@code bench/written.sh} runs it).
 * <p>Routing: 100,000 written contacts wait with deadlines over the written queues (contact
 * messages, secure messages, case questions, office boxes); 500 agents with mixed skills and
 * tiers, room for five messages each, come free; each decision is one agent's call to
 * {@code routing_offer_messages}, which fills them up with what is due first among the queues they
 * serve. Prints messages offered per second and the latency of each agent's call.
 * <p>Mail: a burst of mails sent over SMTP to an office box, read over IMAP (IDLE), parsed,
 * threaded, acknowledged and queued: prints mails taken per second, from the first sent to the last
 * one waiting in routing.
 */
class WrittenContactsBenchmark {

    private static final String[] QUEUES = {"messages-en", "messages-es", "secure-en", "secure-es", "case-messages-en",
            "case-messages-es", "mailbox-vsc", "mailbox-csc", "mailbox-nsc", "mailbox-tsc", "mailbox-nbc", "mailbox-psc"};

    @Test
    void routeAHundredThousandWrittenContactsToFiveHundredAgentsAndTakeABurstOfMail() throws Exception {
        int contacts = Integer.getInteger("bench.contacts", 100_000);
        int agentCount = Integer.getInteger("bench.agents", 500);
        int threads = Integer.getInteger("bench.threads", 2);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int mails = Integer.getInteger("bench.mails", 2000);
        Path data = Files.createTempDirectory("written-bench");
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(CaseLineApplication.class).profiles("test")
                .run("--server.port=0", "--caseline.demo.cases=10", "--logging.level.org.caseline=WARN",
                        "--caseline.database.embedded.data-dir=" + data.resolve("pg"), "--caseline.database.embedded.clean=true",
                        "--caseline.mail.embedded.smtp-port=0", "--caseline.mail.embedded.imap-port=0",
                        "--spring.datasource.hikari.maximum-pool-size=16")) {
            JdbcClient db = node.getBean(JdbcClient.class);
            List<String> agents = seed(db, contacts, agentCount);
            routing(db, node.getBean(Messages.class), agents, threads, rounds);
            mail(db, node.getBean(EmbeddedMailServer.class), mails);
        }
    }

    private static void routing(JdbcClient db, Messages messages, List<String> agents, int threads, int rounds) throws Exception {
        List<Long> latencies = new ArrayList<>();
        long offered = 0;
        long elapsed = 0;
        for (int round = 0; round < rounds + 1; round++) {
            db.sql("update routing_interaction set state = 'WAITING', agent = null, offered_at = null where channel = 'MESSAGE' and state = 'OFFERED'")
                    .update();
            db.sql("delete from routing_decision").update();
            db.sql("update routing_agent set state = 'AVAILABLE' where username like 'wbench-%'").update();
            ConcurrentLinkedQueue<String> todo = new ConcurrentLinkedQueue<>(agents);
            ConcurrentLinkedQueue<long[]> times = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    String agent;
                    while ((agent = todo.poll()) != null) {
                        long before = System.nanoTime();
                        int n = messages.routeAgents(List.of(agent));
                        times.add(new long[] {System.nanoTime() - before, n});
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long took = System.nanoTime() - start;
            pool.shutdown();
            long offers = times.stream().mapToLong(x -> x[1]).sum();
            int twice = db.sql("""
                            select count(*) from (select interaction from routing_decision where kind = 'OFFERED'
                            group by interaction having count(*) > 1) x""").query(Integer.class).single();
            // deadline order, per queue: nothing still waiting was due before what was offered from that queue
            int jumped = db.sql("""
                            with earliest as (select queue, min(answer_by) as due from routing_interaction
                                              where channel = 'MESSAGE' and state = 'OFFERED' group by queue)
                            select count(*) from routing_interaction w join earliest e on e.queue = w.queue
                            where w.channel = 'MESSAGE' and w.state = 'WAITING' and w.answer_by < e.due""").query(Integer.class).single();
            System.out.printf("round %d: %d agents filled with %d messages in %.2f s; offered twice: %d; waiting and due before the earliest offered of its queue: %d%n",
                    round, times.size(), offers, took / 1e9, twice, jumped);
            if (round == 0) {
                continue; // warm-up
            }
            offered += offers;
            elapsed += took;
            times.forEach(x -> latencies.add(x[0]));
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("RESULT routing waiting=%d agents=%d threads=%d offers=%d rate=%.0f messages/s (%.0f agent decisions/s) p50=%.2fms p99=%.2fms max=%.2fms%n",
                db.sql("select count(*) from routing_interaction where channel = 'MESSAGE' and state in ('WAITING', 'OFFERED')")
                        .query(Long.class).single(), agents.size(), threads, offered, offered / (elapsed / 1e9),
                sorted.length / (elapsed / 1e9), sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
        db.sql("update routing_agent set state = 'OFFLINE' where username like 'wbench-%'").update();
    }

    private static void mail(JdbcClient db, EmbeddedMailServer server, int count) throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", server.host());
        settings.put("mail.smtp.port", Integer.toString(server.smtpPort()));
        Session session = Session.getInstance(settings);
        long before = db.sql("select count(*) from mailbox_mail").query(Long.class).single();
        long start = System.nanoTime();
        try (Transport smtp = session.getTransport("smtp")) {
            smtp.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("writer-" + i + "@example.com", "Writer " + i));
                m.setRecipients(Message.RecipientType.TO, "vsc.case-questions@caseline.example");
                m.setSubject("Question " + i + " about a pending case");
                m.setText("Hello,\n\nI filed in March and have heard nothing since. What should I do?\n\nThank you.");
                m.saveChanges();
                smtp.sendMessage(m, m.getAllRecipients());
            }
        }
        long sent = System.nanoTime() - start;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        long taken;
        long queued;
        do {
            Thread.sleep(50);
            taken = db.sql("select count(*) from mailbox_mail").query(Long.class).single() - before;
            queued = db.sql("select count(*) from routing_interaction where queue = 'mailbox-vsc' and attributes->>'kind' = 'office-mail'")
                    .query(Long.class).single();
        } while ((taken < count || queued < count) && Instant.now().isBefore(deadline));
        long took = System.nanoTime() - start;
        System.out.printf("RESULT mail sent=%d (SMTP %.1f s) taken=%d queued=%d in %.1f s: %.0f mails/s read, parsed, threaded, acknowledged and queued%n",
                count, sent / 1e9, taken, queued, took / 1e9, queued / (took / 1e9));
    }

    private static Object[] seedParameters(int contacts) {
        Object[] parameters = new Object[QUEUES.length + 1];
        parameters[0] = contacts;
        System.arraycopy(QUEUES, 0, parameters, 1, QUEUES.length);
        return parameters;
    }

    /** {@code agents} agents with mixed skills and tiers and {@code contacts} written contacts due over the next two days, in bulk. */
    private static List<String> seed(JdbcClient db, int contacts, int agentCount) {
        Random random = new Random(7);
        Timestamp now = Timestamp.from(Instant.now());
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            String name = "wbench-" + i;
            agents.add(name);
            int tier = i % 4 == 0 ? 2 : 1;
            List<String> skills = new ArrayList<>(List.of("general"));
            int language = random.nextInt(10);
            if (language < 7 || language == 9) {
                skills.add("en");
            }
            if (language >= 7) {
                skills.add("es");
            }
            if (tier == 2) {
                skills.add("case");
            }
            db.sql("insert into staff_user (username, password_hash, display_name) values (?, 'x', ?)").params(name, name).update();
            db.sql("insert into staff_role (username, role) values (?, ?)").params(name, tier == 2 ? "TIER2" : "TIER1").update();
            db.sql("""
                            insert into routing_agent (username, tier, skills, state, state_since, idle_since, message_capacity)
                            values (?, ?, ?::text[], 'OFFLINE', ?, ?, 5)""")
                    .params(name, tier, skills.toArray(String[]::new), now, Timestamp.from(Instant.now().minusSeconds(i))).update();
        }
        // in one statement: each contact's queue, skills and a deadline within the next 2 days
        db.sql("""
                        insert into routing_interaction (id, channel, queue, language, skills, priority, attributes, state, entered_at,
                            rank_at, answer_by, tier1, tier2_from)
                        select gen_random_uuid(), 'MESSAGE', q.queue, q.language, q.skills, 0,
                               jsonb_build_object('kind', 'contact-message', 'reference', 'B-' || g), 'WAITING', now(), d.due, d.due,
                               q.tier = 1, case when q.tier = 2 then now() else now() + interval '24 hours' end
                        from generate_series(1, ?) g
                        cross join lateral (select (array[?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?])[1 + (g::bigint * 7919) % 12] as queue) pick
                        cross join lateral (select pick.queue,
                               case when pick.queue like '%-es' then 'es' else 'en' end as language,
                               case when pick.queue like 'case-%' or pick.queue like 'mailbox-%'
                                    then array[case when pick.queue like '%-es' then 'es' else 'en' end, 'case']
                                    else array[case when pick.queue like '%-es' then 'es' else 'en' end, 'general'] end as skills,
                               case when pick.queue like 'case-%' or pick.queue like 'mailbox-%' then 2 else 1 end as tier) q
                        cross join lateral (select now() + (((g::bigint * 104729) % 172800) || ' seconds')::interval as due) d""")
                .params(seedParameters(contacts)).update();
        db.sql("analyze").update();
        System.out.printf("seeded %d agents, %d written contacts over %d queues%n", agentCount, contacts, QUEUES.length);
        return agents;
    }
}
