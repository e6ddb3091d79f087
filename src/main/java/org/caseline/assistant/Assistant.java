package org.caseline.assistant;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.CaseStatusView;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.EventWording;
import org.caseline.directory.FilingAddresses;
import org.caseline.platform.Languages;
import org.caseline.platform.Masking;
import org.springframework.stereotype.Service;

/**
 * The virtual assistant: a visitor's question in, a short answer in the visitor's language out,
 * with the page that says more. In order: a request for a person starts the hand-off; a question
 * only an attorney may answer is refused; a receipt number gets the public status (what the case
 * status page shows, no more); a ZIP code gets its office and a form with a state its filing
 * address, from the directory every channel reads; anything else is looked up among the articles,
 * and answered only when the match is sure enough.
 */
@Service
public class Assistant {

    /** What the assistant made of a question. */
    public enum Intent {
        ANSWER, REFUSE, FALLBACK, HANDOFF;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A page that says more. */
    public record Source(String title, String url) {
    }

    /**
     * The answer: its text, language, intent and confidence (0 to 1), its sources, the article it
     * came from (if any), topics to try instead when it did not understand, and the turn's id (for
     * the visitor's feedback).
     */
    public record Answer(String answer, String language, Intent intent, double confidence, List<Source> sources, String article,
                         List<String> suggestions, UUID turn) {
    }

    /** A question that cannot be taken: {@code reason} is "empty", "too-long" or "not-text". */
    public static class InvalidQuestionException extends RuntimeException {
        private final String reason;

        public InvalidQuestionException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public static final int MAX_QUESTION_LENGTH = 1000;

    static final Pattern RECEIPT = Pattern.compile("\\b([A-Za-z]{3})[\\s-]*((?:\\d[\\s-]*){9}\\d)\\b");
    private static final Pattern ZIP = Pattern.compile("(?<![\\d-])(\\d{5})(?![\\d])");
    private static final Pattern OFFICE_WORDS = Pattern.compile(
            "\\b(office|offices|oficina|oficinas|zip|postal|near|nearest|closest|cerca|cercana|biometric\\w*|biometri\\w*|field|local|asc|where)\\b");
    private static final Pattern FORM = Pattern.compile("\\b([in])[ -]?(\\d{1,3}[a-z]?)\\b");
    private static final Pattern FILING_WORDS = Pattern.compile(
            "\\b(mail|send|file|ship|address|where|enviar|envio|envie|mandar|mando|presentar|direccion|donde)\\b");
    private static final String EVENTS_ARTICLE = "outreach";
    private static final List<String> POPULAR = List.of("case-status-online", "contact-center", "offices");

    private final KnowledgeBase knowledge;
    private final Guardrails guardrails;
    private final Facts facts;
    private final AssistantTurns turns;
    private final CaseStatusService cases;
    private final DirectoryData directory;
    private final AssistantProperties settings;
    private final Clock clock;
    private final EventWording eventWording;

    Assistant(KnowledgeBase knowledge, Guardrails guardrails, Facts facts, AssistantTurns turns, CaseStatusService cases,
              DirectoryData directory, AssistantProperties settings, Clock clock, EventWording eventWording) {
        this.eventWording = eventWording;
        this.knowledge = knowledge;
        this.guardrails = guardrails;
        this.facts = facts;
        this.turns = turns;
        this.cases = cases;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Answers a question asked on a page in {@code pageLanguage} (null: detected), within chat
     * {@code chat} (null: a question on its own).
     *
     * @throws InvalidQuestionException when the question is empty, too long, or not text
     */
    public Answer ask(String question, String pageLanguage, UUID chat) {
        String text = plainText(question, MAX_QUESTION_LENGTH);
        Locale language = VisitorLanguage.of(text, pageLanguage);
        Answer answer = answer(text, language);
        UUID turn = turns.record(chat, language.getLanguage(), masked(text), answer.intent(), answer.article(), answer.confidence());
        return new Answer(answer.answer(), answer.language(), answer.intent(), answer.confidence(), answer.sources(),
                answer.article(), answer.suggestions(), turn);
    }

    /** Whether live chat with a person is open now (the chat line's hours of live help). */
    public boolean liveChatOpen() {
        return facts.openNow(settings.chatLine());
    }

    /** The hours of live chat, as a visitor reads them. */
    public String liveChatHours(Locale language) {
        return facts.fill("{{hours:" + settings.chatLine() + "}}", language);
    }

    /** The answer without recording it: what the benchmark and the evaluation measure. */
    Answer answer(String text, Locale language) {
        return answer(text, language, null);
    }

    Answer answer(String text, Locale language, Retriever.Mode mode) {
        String lang = language.getLanguage();
        String plain = Guardrails.normalise(text);
        KnowledgeBase.Live live = knowledge.live();
        if (guardrails.asksForPerson(plain)) {
            String said = liveChatOpen() ? guardrails.text("handoff", language)
                    : guardrails.text("handoff-closed", language).replace("{hours}", liveChatHours(language));
            return new Answer(said, lang, Intent.HANDOFF, 1, sources(live, language, "live-chat"), null, List.of(), null);
        }
        if (guardrails.asksForLegalAdvice(plain)) {
            return new Answer(guardrails.text("refuse", language), lang, Intent.REFUSE, 1, sources(live, language, "legal-help"),
                    "legal-help", List.of(), null);
        }
        Optional<Answer> fact = status(text, language, live).or(() -> office(plain, language, live))
                .or(() -> filing(text, plain, language, live));
        if (fact.isPresent()) {
            return fact.get();
        }
        List<Retriever.Match> found = mode == null ? live.retriever().find(text, language, 3) : live.retriever().find(text, language, 3, mode);
        if (found.isEmpty() || found.getFirst().confidence() < settings.answerFrom()) {
            List<String> ids = found.isEmpty() || found.getFirst().confidence() < 0.2 ? POPULAR
                    : found.stream().map(Retriever.Match::article).toList();
            List<String> suggestions = ids.stream().map(live.knowledge()::article).flatMap(Optional::stream)
                    .map(a -> a.title().in(language)).toList();
            return new Answer(guardrails.text("fallback", language), lang, Intent.FALLBACK,
                    found.isEmpty() ? 0 : found.getFirst().confidence(), List.of(), null, suggestions, null);
        }
        Retriever.Match best = found.getFirst();
        Knowledge.Article article = live.knowledge().article(best.article()).orElseThrow();
        String said = facts.fill(article.answer().in(language), language);
        if (EVENTS_ARTICLE.equals(article.id())) {
            said = said + upcomingEvents(language);
        }
        if (best.confidence() < settings.unsureBelow()) {
            said = said + " " + guardrails.text("unsure", language);
        }
        return new Answer(said, lang, Intent.ANSWER, round(best.confidence()), List.of(source(article, language)), article.id(),
                List.of(), null);
    }

    /** The next events, as the events page and their mails say when and where: the same events on every channel. */
    private String upcomingEvents(Locale language) {
        java.time.Instant now = clock.instant();
        List<String> next = directory.events().all().stream().filter(e -> e.start().toInstant().isAfter(now))
                .sorted(java.util.Comparator.comparing(e -> e.start().toInstant())).limit(3)
                .map(e -> e.title().in(language) + ", " + eventWording.when(e, language) + ", " + eventWording.where(e, language))
                .toList();
        return next.isEmpty() ? "" : " " + guardrails.text("events", language).replace("{events}", String.join("; ", next));
    }

    private Optional<Answer> status(String text, Locale language, KnowledgeBase.Live live) {
        Matcher m = RECEIPT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String typed = (m.group(1) + m.group(2)).replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        ReceiptNumber receipt;
        try {
            receipt = cases.parseReceipt(typed);
        } catch (InvalidReceiptNumberException e) {
            return Optional.empty();
        }
        Optional<CaseStatusView> view = cases.findStatus(receipt);
        String said = view.map(v -> guardrails.text("status", language).replace("{receipt}", receipt.value())
                        .replace("{title}", v.title(language)).replace("{description}", v.description(language)))
                .orElseGet(() -> guardrails.text("no-case", language).replace("{receipt}", receipt.value()));
        List<Source> sources = new ArrayList<>(sources(live, language, "case-status-online"));
        sources.addAll(sources(live, language, "online-account"));
        return Optional.of(new Answer(said, language.getLanguage(), Intent.ANSWER, 1, sources, "case-status", List.of(), null));
    }

    private Optional<Answer> office(String plain, Locale language, KnowledgeBase.Live live) {
        Matcher m = ZIP.matcher(plain);
        if (!m.find() || !(plain.equals(m.group(1)) || OFFICE_WORDS.matcher(plain).find())) {
            return Optional.empty();
        }
        String zip = m.group(1);
        String said;
        try {
            Directory.Located found = directory.offices().locate(zip);
            said = guardrails.text("office", language).replace("{zip}", zip).replace("{city}", found.zip().city())
                    .replace("{state}", found.zip().state()).replace("{office}", found.fieldOffice().name().in(language))
                    .replace("{address}", found.fieldOffice().address().oneLine())
                    .replace("{hours}", found.fieldOffice().hours().in(language));
            String center = found.supportCenters().isEmpty() ? "" : guardrails.text("office-center", language)
                    .replace("{center}", found.supportCenters().getFirst().office().name().in(language))
                    .replace("{miles}", String.valueOf(found.supportCenters().getFirst().distanceMiles()));
            said = said.replace("{center}", center);
        } catch (Directory.NotFoundException | Directory.MalformedException e) {
            said = guardrails.text("no-zip", language).replace("{zip}", zip);
        }
        return Optional.of(new Answer(said, language.getLanguage(), Intent.ANSWER, 1, sources(live, language, "offices"), "offices",
                List.of(), null));
    }

    private Optional<Answer> filing(String text, String plain, Locale language, KnowledgeBase.Live live) {
        Matcher form = FORM.matcher(plain);
        if (!form.find() || !FILING_WORDS.matcher(plain).find()) {
            return Optional.empty();
        }
        Optional<String> state = UsStates.in(text, plain);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        String number = (form.group(1) + "-" + form.group(2)).toUpperCase(Locale.ROOT);
        FilingAddresses filing = directory.filing();
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("America/New_York")));
        String said;
        try {
            FilingAddresses.Answer postal = filing.find(number, state.get(), null, "postal", today);
            FilingAddresses.Answer courier = filing.find(number, state.get(), null, "courier", today);
            said = guardrails.text("filing", language).replace("{state}", UsStates.name(state.get(), language))
                    .replace("{form}", postal.form()).replace("{address}", postal.address().oneLine())
                    .replace("{courier}", courier.address().oneLine());
        } catch (Directory.MalformedException e) {
            Map<String, org.caseline.platform.LocalizedText> kinds = filing.categories(number);
            if (kinds.isEmpty()) {
                return Optional.empty(); // not a form there is: the articles may still know the question
            }
            // each way of filing it, with its address: the visitor knows which is theirs
            List<String> choices = new ArrayList<>();
            for (Map.Entry<String, org.caseline.platform.LocalizedText> kind : kinds.entrySet()) {
                try {
                    choices.add(kind.getValue().in(language) + ": "
                            + filing.find(number, state.get(), kind.getKey(), "postal", today).address().oneLine());
                } catch (Directory.NotFoundException | Directory.MalformedException none) {
                    // no rule in force for that way of filing from this state: not listed
                }
            }
            if (choices.isEmpty()) {
                return Optional.empty();
            }
            said = guardrails.text("filing-category", language).replace("{form}", number)
                    .replace("{state}", UsStates.name(state.get(), language)).replace("{choices}", String.join("; ", choices));
        } catch (Directory.NotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new Answer(said, language.getLanguage(), Intent.ANSWER, 1, sources(live, language, "where-to-file"),
                "where-to-file", List.of(), null));
    }

    private static List<Source> sources(KnowledgeBase.Live live, Locale language, String article) {
        return live.knowledge().article(article).map(a -> List.of(source(a, language))).orElse(List.of());
    }

    private static Source source(Knowledge.Article article, Locale language) {
        String url = article.link();
        if (url.startsWith("/") && Languages.isSpanish(language)) {
            url = url + (url.contains("?") ? "&" : "?") + "lang=es";
        }
        return new Source(article.title().in(language), url);
    }

    /** What a visitor wrote, if it is text of at most {@code max} characters, stripped; else why not. */
    static String plainText(String question, int max) {
        if (question == null || question.isBlank()) {
            throw new InvalidQuestionException("empty", "Ask a question: the text is empty");
        }
        if (question.length() > max) {
            throw new InvalidQuestionException("too-long", "A question is at most " + max + " characters");
        }
        for (int i = 0; i < question.length(); i++) {
            char c = question.charAt(i);
            if ((Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') || c == '\uFFFD') {
                throw new InvalidQuestionException("not-text", "A question is written text; this one has control characters");
            }
        }
        return question.strip();
    }

    /** The question as it is kept: every receipt number in it masked. */
    static String masked(String text) {
        Matcher m = RECEIPT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Masking.receipt((m.group(1) + m.group(2)).replaceAll("[\\s-]", ""))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static double round(double confidence) {
        return Math.round(confidence * 1000) / 1000.0;
    }
}
