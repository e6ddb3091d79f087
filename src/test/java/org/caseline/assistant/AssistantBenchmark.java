package org.caseline.assistant;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.caseline.CaseLineApplication;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: the assistant's benchmark ({@code bench/assistant.sh} runs it). Loads the embedding
 * model cold and says how long it took; then, on a node of its own, runs the evaluation set with
 * each ranking (BM25 alone, embeddings alone, both fused) and prints top-1 accuracy per language,
 * the refusals' precision and recall, and the answer latency in process and over HTTP (p50, p95).
 */
class AssistantBenchmark {

    @Test
    void theEvaluationSetWithEachRanking() throws Exception {
        long cold = System.nanoTime();
        Retriever.warm();
        System.out.printf(Locale.ROOT, "RESULT model start-up (cold load and first sentence): %d ms%n", (System.nanoTime() - cold) / 1_000_000);
        Path data = Files.createTempDirectory("assistant-bench");
        long start = System.nanoTime();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(CaseLineApplication.class).profiles("test")
                .run("--server.port=0", "--caseline.demo.cases=10", "--logging.level.org.caseline=WARN",
                        "--caseline.database.embedded.data-dir=" + data.resolve("pg"), "--caseline.database.embedded.clean=true",
                        "--caseline.mail.embedded.smtp-port=0", "--caseline.mail.embedded.imap-port=0")) {
            System.out.printf(Locale.ROOT, "RESULT node start-up with the knowledge indexed: %d ms%n", (System.nanoTime() - start) / 1_000_000);
            Assistant assistant = node.getBean(Assistant.class);
            Evaluation evaluation = Evaluation.load();
            System.out.printf("seeded %d questions (%d Spanish)%n", evaluation.cases().size(),
                    evaluation.cases().stream().filter(c -> "es".equals(c.language().getLanguage())).count());
            for (Retriever.Mode mode : Retriever.Mode.values()) {
                evaluation.run(assistant, mode); // warm
                Evaluation.Figures figures = evaluation.run(assistant, mode);
                List<Long> nanos = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    for (Evaluation.Case c : evaluation.cases()) {
                        long t0 = System.nanoTime();
                        assistant.answer(c.question(), c.language(), mode);
                        nanos.add(System.nanoTime() - t0);
                    }
                }
                System.out.printf(Locale.ROOT, "RESULT %-10s %s; in process p50 %.2f ms, p95 %.2f ms%n", mode, figures,
                        pct(nanos, 50), pct(nanos, 95));
                if (mode == Retriever.Mode.FUSED) {
                    figures.misses().forEach(m -> System.out.println("miss " + m));
                }
            }
            int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
            HttpClient client = HttpClient.newHttpClient();
            List<Long> nanos = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Evaluation.Case c : evaluation.cases()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/assistant/ask"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"question\": " + Http.quoted(c.question())
                                    + ", \"language\": \"" + c.language().getLanguage() + "\"}")).build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t0;
                    if (round > 0) {
                        nanos.add(took);
                    }
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "RESULT POST /api/assistant/ask (fused, recorded, one client): p50 %.2f ms, p95 %.2f ms%n",
                    pct(nanos, 50), pct(nanos, 95));
        }
    }

    private static double pct(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
