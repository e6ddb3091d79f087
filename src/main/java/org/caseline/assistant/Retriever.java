package org.caseline.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.caseline.platform.Languages;

/**
 * Finds the articles a question is about. Each of an article's questions (and its title) is a
 * document in an in-memory Lucene index, analysed in its own language (English or Spanish
 * stemming and stop words) and as character n-grams, which survive typos; BM25 ranks them, with
 * fuzzy matches of each word as a weaker signal. In English a sentence-embedding model
 * (all-MiniLM-L6-v2, quantized, in process) ranks them too, by meaning, and the two rankings are
 * fused (reciprocal rank fusion). An article ranks by its best-matching question.
 *
 * <p>How sure the match is comes from how much of the question the article covers: the share of
 * the question's words (stemmed, typos forgiven) found among the article's own, and in English the
 * embedding's similarity. An off-topic question covers little of any article, so it gets no answer.
 */
final class Retriever {

    /** How articles are ranked: the bench compares them. */
    enum Mode { LEXICAL, EMBEDDINGS, FUSED }

    /** An article and how sure the match is (0 to 1). */
    record Match(String article, double confidence) {
    }

    private static final int MAX_QUESTION_CHARS = 400;
    private static final int MAX_TERMS = 40;
    private static final int RRF_K = 60;

    /** The model is the same for every index and every Spring context in this JVM: loaded once, when first needed. */
    private static volatile EmbeddingModel model;
    private static final Map<String, float[]> EMBEDDED = new ConcurrentHashMap<>();

    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer spanish = new SpanishAnalyzer();
    private final Analyzer grams = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream s = new NGramTokenFilter(new ASCIIFoldingFilter(new LowerCaseFilter(source)), 3, 4, true);
            return new TokenStreamComponents(source, s);
        }
    };
    private final IndexSearcher searcher;
    private final boolean embeddings;
    /** Each article's stemmed words per language: what a question's words are checked against. */
    private final Map<String, Map<String, Set<String>>> vocabulary = new HashMap<>();
    /** English questions' embeddings, by article. */
    private final Map<String, List<float[]>> vectors = new LinkedHashMap<>();

    Retriever(Knowledge knowledge, boolean embeddings) {
        this.embeddings = embeddings;
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        Map<String, Analyzer> fields = Map.of("en", english, "es", spanish, "grams", grams);
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new PerFieldAnalyzerWrapper(english, fields)))) {
            for (Knowledge.Article article : knowledge.articles()) {
                for (Locale language : Languages.SUPPORTED) {
                    String field = language.getLanguage();
                    List<String> texts = new ArrayList<>(article.questions(language));
                    texts.add(article.title().in(language));
                    Set<String> words = vocabulary.computeIfAbsent(article.id(), k -> new HashMap<>())
                            .computeIfAbsent(field, k -> new HashSet<>());
                    for (String text : texts) {
                        Document doc = new Document();
                        doc.add(new StringField("article", article.id(), Field.Store.YES));
                        doc.add(new StringField("lang", field, Field.Store.NO));
                        doc.add(new TextField(field, text, Field.Store.NO));
                        doc.add(new TextField("grams", text, Field.Store.NO));
                        writer.addDocument(doc);
                        words.addAll(terms(analyzer(language), text));
                    }
                }
                if (embeddings) {
                    vectors.put(article.id(), article.questionsEn().stream().map(Retriever::embed).toList());
                }
            }
            writer.commit();
            searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the embedding model now (a node does it at start-up, so no visitor waits for it). */
    static void warm() {
        embed("warm up");
    }

    /** The articles a question is about, best first, at most {@code count}. */
    List<Match> find(String question, Locale language, int count) {
        return find(question, language, count, embeddings ? Mode.FUSED : Mode.LEXICAL);
    }

    List<Match> find(String question, Locale language, int count, Mode mode) {
        String text = question.length() > MAX_QUESTION_CHARS ? question.substring(0, MAX_QUESTION_CHARS) : question;
        boolean english = !Languages.isSpanish(language);
        Mode used = english && embeddings ? mode : Mode.LEXICAL;
        List<String> words = terms(analyzer(language), text);
        Map<String, Double> lexical = used == Mode.EMBEDDINGS ? Map.of() : lexical(text, words, language);
        Map<String, Double> meaning = used == Mode.LEXICAL ? Map.of() : meaning(text);
        Map<String, CharacterRunAutomaton> typos = typosOf(words);
        Map<String, Double> fused = new HashMap<>();
        if (used == Mode.LEXICAL) {
            fused.putAll(lexical);
        } else if (used == Mode.EMBEDDINGS) {
            fused.putAll(meaning);
        } else {
            rrf(lexical, fused);
            rrf(meaning, fused);
        }
        return fused.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(count)
                .map(e -> new Match(e.getKey(), confidence(e.getKey(), words, typos, language, meaning.get(e.getKey()), used)))
                .toList();
    }

    private Map<String, Double> lexical(String text, List<String> words, Locale language) {
        String field = Languages.isSpanish(language) ? "es" : "en";
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String word : words.stream().distinct().limit(MAX_TERMS).toList()) {
            any.add(new TermQuery(new Term(field, word)), BooleanClause.Occur.SHOULD);
            if (word.length() >= 4) {
                any.add(new BoostQuery(new FuzzyQuery(new Term(field, word), word.length() >= 7 ? 2 : 1), 0.4f), BooleanClause.Occur.SHOULD);
            }
        }
        for (String gram : terms(grams, text).stream().distinct().limit(MAX_TERMS * 4).toList()) {
            any.add(new BoostQuery(new TermQuery(new Term("grams", gram)), 0.15f), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("lang", field)), BooleanClause.Occur.FILTER)
                .add(any.build(), BooleanClause.Occur.MUST)
                .build();
        Map<String, Double> best = new LinkedHashMap<>();
        try {
            for (ScoreDoc hit : searcher.search(query, 60).scoreDocs) {
                String article = searcher.storedFields().document(hit.doc).get("article");
                best.merge(article, (double) hit.score, Math::max);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best;
    }

    private Map<String, Double> meaning(String text) {
        float[] q = model().embed(text).content().vector(); // a visitor's question is not kept
        Map<String, Double> best = new HashMap<>();
        vectors.forEach((article, list) -> best.put(article, list.stream().mapToDouble(v -> cosine(q, v)).max().orElse(0)));
        return best;
    }

    private static void rrf(Map<String, Double> scores, Map<String, Double> into) {
        List<String> ranked = scores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
        for (int rank = 0; rank < ranked.size(); rank++) {
            into.merge(ranked.get(rank), 1.0 / (RRF_K + rank + 1), Double::sum);
        }
    }

    /**
     * The share of the question's words the article has (a typo of one of its words counts), and in
     * English, with the model, the better of that and the embedding's similarity.
     */
    private double confidence(String article, List<String> words, Map<String, CharacterRunAutomaton> typos, Locale language,
                              Double similarity, Mode used) {
        Set<String> distinct = new java.util.LinkedHashSet<>(words);
        double coverage = 0;
        if (!distinct.isEmpty()) {
            Set<String> own = vocabulary.getOrDefault(article, Map.of()).getOrDefault(Languages.isSpanish(language) ? "es" : "en", Set.of());
            long found = distinct.stream().filter(w -> own.contains(w) || (typos.containsKey(w) && own.stream().anyMatch(typos.get(w)::run))).count();
            coverage = (double) found / distinct.size();
        }
        if (used == Mode.LEXICAL || similarity == null) {
            return coverage;
        }
        // MiniLM's cosine: unrelated sentences sit near 0.1-0.3, paraphrases above 0.6; mapped onto 0-1
        double meaning = Math.max(0, Math.min(1, (similarity - 0.25) / 0.45));
        return used == Mode.EMBEDDINGS ? meaning : Math.max(coverage, (coverage + meaning) / 2);
    }

    /** For each word of the question long enough to be mistyped, what its typos match (built once per question). */
    private static Map<String, CharacterRunAutomaton> typosOf(List<String> words) {
        Map<String, CharacterRunAutomaton> typos = new HashMap<>();
        for (String word : words) {
            if (word.length() >= 5) { // a short word one letter off is another word more often than a typo
                typos.computeIfAbsent(word, w -> new CharacterRunAutomaton(
                        new LevenshteinAutomata(w, true).toAutomaton(w.length() > 8 ? 2 : 1)));
            }
        }
        return typos;
    }

    private Analyzer analyzer(Locale language) {
        return Languages.isSpanish(language) ? spanish : english;
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static float[] embed(String text) {
        float[] known = EMBEDDED.get(text);
        if (known != null) {
            return known;
        }
        float[] v = model().embed(text).content().vector();
        EMBEDDED.put(text, v); // an article's question: a few hundred, embedded once per JVM
        return v;
    }

    private static EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (Retriever.class) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                m = model;
            }
        }
        return m;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
