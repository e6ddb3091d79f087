package org.caseline.assistant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caseline.messaging.Mail;
import org.caseline.messaging.Outbox;
import org.caseline.platform.Languages;
import org.caseline.routing.InteractionState;
import org.caseline.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A visitor's conversation: with the assistant first, then, when they ask for a person (or the
 * assistant fails them twice and they accept), with a Tier 1 agent in live chat. The visitor
 * holds the chat by a token only they were given (kept hashed); every message is kept in order,
 * and every node hears of each one ({@code NOTIFY caseline_chat}), so the visitor and the agent
 * may be on different nodes. A hand-off stops the assistant: from then on the visitor writes to
 * the person, who sees the whole conversation and what the assistant understood.
 */
@Service
public class LiveChat {

    /** Where a chat stands. */
    public enum State {
        /** The visitor talks with the assistant. */
        ASSISTANT,
        /** Handed off, waiting in line for a person. */
        WAITING,
        /** A person has it. */
        CONNECTED,
        /** No one could take it (closed, or the wait ran out): the visitor is offered a contact message. */
        NO_ONE,
        /** Over. */
        ENDED
    }

    public record Started(UUID chatId, String token) {
    }

    /** One message: its place in the chat, when, who wrote it (visitor, assistant, agent, system), and what. */
    public record Message(int seq, Instant at, String from, String text, Map<String, Object> extra) {
    }

    /** The chat as its visitor (or its agent) sees it. {@code position} and {@code waitSeconds} while waiting. */
    public record Transcript(UUID id, String language, State state, List<Message> messages, Integer position, Long waitSeconds,
                             String agent, String liveChatHours) {
    }

    /** A chat that is not the asker's: not found, or the token does not open it. */
    public static class NotYoursException extends RuntimeException {
        public NotYoursException() {
            super("No such chat, or it is not yours");
        }
    }

    /** Something the chat's state does not allow now ("ended", "not-with-assistant", ...). */
    public static class RefusedException extends RuntimeException {
        private final String reason;

        public RefusedException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    static final String CHANNEL = "caseline_chat";
    private static final Logger log = LoggerFactory.getLogger(LiveChat.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final int MAX_MESSAGE_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Assistant assistant;
    private final Router router;
    private final Guardrails guardrails;
    private final AssistantProperties settings;
    private final Outbox outbox;

    LiveChat(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Assistant assistant, Router router, Guardrails guardrails,
             AssistantProperties settings, Outbox outbox) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.assistant = assistant;
        this.router = router;
        this.guardrails = guardrails;
        this.settings = settings;
        this.outbox = outbox;
    }

    // --- the visitor ---------------------------------------------------------------------------

    /** A new chat, with the assistant's greeting in the page's language. */
    public Started start(String language) {
        Locale lang = Languages.supported(language == null ? Locale.ENGLISH : Locale.forLanguageTag(language));
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            jdbc.sql("insert into assistant_chat (id, token_hash, language, state, started_at, last_at) values (?, ?, ?, 'ASSISTANT', ?, ?)")
                    .params(id, hash(token), lang.getLanguage(), Timestamp.from(now), Timestamp.from(now)).update();
            add(id, "assistant", guardrails.text("greeting", lang), null);
        });
        return new Started(id, token);
    }

    /** The visitor's own chat, whole. */
    public Transcript transcript(UUID id, String token) {
        return transcript(owned(id, token));
    }

    /** The visitor's own chat's messages after {@code seq}: what a page that has those lacks. */
    public List<Message> transcriptAfter(UUID id, String token, int seq) {
        owned(id, token);
        return messagesAfter(id, seq);
    }

    /** Where the visitor's chat stands (its place and wait in line), without its messages. */
    public Transcript status(UUID id, String token) {
        return transcript(owned(id, token), false);
    }

    /**
     * The visitor writes. With the assistant, it answers (and a request for a person hands the chat
     * off); with a person, the person reads it. The visitor's message and any reply.
     */
    public List<Message> visitorSays(UUID id, String token, String text) {
        Chat chat = owned(id, token);
        String said = checkedText(text);
        if (chat.state() == State.ENDED) {
            throw new RefusedException("ended", "This chat has ended; start a new one");
        }
        int first = add(id, "visitor", said, null);
        if (chat.state() == State.ASSISTANT || chat.state() == State.NO_ONE) {
            Assistant.Answer answer;
            try {
                answer = assistant.ask(said, chat.language(), id);
            } catch (Assistant.InvalidQuestionException e) {
                throw new RefusedException(e.reason(), e.getMessage());
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("intent", answer.intent().json());
            extra.put("confidence", answer.confidence());
            extra.put("sources", answer.sources());
            extra.put("suggestions", answer.suggestions());
            extra.put("turn", answer.turn());
            if (answer.article() != null) {
                extra.put("article", answer.article());
            }
            add(id, "assistant", answer.answer(), extra);
            if (answer.intent() == Assistant.Intent.HANDOFF) {
                handOff(chat);
            } else if (answer.intent() == Assistant.Intent.FALLBACK && failedTwice(id)) {
                // a failed answer offers a person by itself: the widget shows the offer
                add(id, "system", guardrails.text("offer-person", Languages.supported(Locale.forLanguageTag(chat.language()))),
                        Map.of("offer", "person"));
            }
        }
        return messagesAfter(id, first - 1);
    }

    /** The visitor asks for a person (the widget's button): the same hand-off as asking in words. */
    public Transcript askForPerson(UUID id, String token) {
        Chat chat = owned(id, token);
        if (chat.state() == State.ASSISTANT || chat.state() == State.NO_ONE) {
            handOff(chat);
        }
        return transcript(id, token);
    }

    /** The visitor is typing: the agent sees it. */
    public void visitorTyping(UUID id, String token) {
        Chat chat = owned(id, token);
        if (chat.state() == State.CONNECTED) {
            notify(id, "typing", "visitor");
        }
    }

    /** The visitor ends the chat (or leaves): in line it is abandoned, with a person it ends. */
    public void end(UUID id, String token) {
        Chat chat = owned(id, token);
        if (chat.state() == State.ENDED) {
            return;
        }
        if (chat.interaction() != null) {
            router.chatLeft(chat.interaction());
        }
        finish(id, "visitor-ended");
    }

    /** The visitor asks for the transcript by email: it is sent through the outbox, receipt numbers masked. */
    public void emailTranscript(UUID id, String token, String email) {
        Chat chat = owned(id, token);
        if (email == null || !Mail.isAddress(email.strip())) {
            throw new RefusedException("email", "An email address is written like name@example.com");
        }
        Locale lang = Languages.supported(Locale.forLanguageTag(chat.language()));
        boolean es = Languages.isSpanish(lang);
        String lines = messagesAfter(id, 0).stream()
                .map(m -> "[" + m.at().atZone(java.time.ZoneId.of("America/New_York")).toLocalTime().withNano(0) + "] "
                        + who(m.from(), es) + ": " + Assistant.masked(m.text()))
                .collect(Collectors.joining("\n"));
        String subject = es ? "Su conversación por chat" : "Your chat conversation";
        String body = (es ? "Esta es la conversación que pidió. Por su privacidad, los números de recibo aparecen ocultos.\n\n"
                : "Here is the conversation you asked for. For your privacy, receipt numbers are masked.\n\n") + lines + "\n";
        tx.executeWithoutResult(s -> outbox.send(new Mail(email.strip(), subject, body, lang, "chat transcript")));
    }

    // --- the agent -----------------------------------------------------------------------------

    /** The chat of an interaction the agent has: the whole conversation, for the desk. */
    public Transcript forAgent(String username, UUID interaction) {
        router.heldChat(username, interaction);
        return transcript(ofInteraction(interaction));
    }

    /** The agent writes to the visitor. */
    public Message agentSays(String username, UUID interaction, String text) {
        router.heldChat(username, interaction);
        Chat chat = ofInteraction(interaction);
        String said = checkedText(text);
        String agent = router.findAgent(username).map(Router.Agent::publicId).orElse(null);
        int seq = add(chat.id(), "agent", said, agent == null ? null : Map.of("agent", agent));
        return messagesAfter(chat.id(), seq - 1).getFirst();
    }

    public void agentTyping(String username, UUID interaction) {
        router.heldChat(username, interaction);
        notify(ofInteraction(interaction).id(), "typing", "agent");
    }

    /** The agent ends the chat with a disposition; the visitor is told. */
    public void close(String username, UUID interaction, String disposition) {
        router.heldChat(username, interaction);
        Chat chat = ofInteraction(interaction);
        router.closeChat(username, interaction, disposition);
        finish(chat.id(), "agent-ended");
    }

    /** The agent transfers the chat to another chat queue, or escalates it to Tier 2 (its language's), with a note. */
    public Router.Interaction handOn(String username, UUID interaction, String queue, String note, boolean escalation) {
        router.heldChat(username, interaction);
        Chat chat = ofInteraction(interaction);
        String target = escalation ? settings.chatQueuePrefix() + "tier2-" + chat.language() : queue;
        Router.Interaction next = router.handOnChat(username, interaction, target, note, escalation);
        tx.executeWithoutResult(s -> {
            jdbc.sql("update assistant_chat set state = 'WAITING', interaction = ?, agent = null where id = ?")
                    .params(next.id(), chat.id()).update();
            add(chat.id(), "system", guardrails.text(escalation ? "escalated" : "transferred", locale(chat)), Map.of("state", "WAITING"));
        });
        return next;
    }

    /** The interaction a chat is in now (none before a hand-off). */
    public Optional<UUID> interactionOf(UUID chat) {
        return jdbc.sql("select interaction from assistant_chat where id = ? and interaction is not null").param(chat)
                .query(UUID.class).optional();
    }

    // --- routing's side -------------------------------------------------------------------------

    /** Routing connected the chat's interaction to an agent, or ended it (overflow, the agent): the chat follows. */
    void routingChanged(UUID interaction) {
        Optional<Chat> found = jdbc.sql("select * from assistant_chat where interaction = ?").param(interaction).query(LiveChat::row).optional();
        if (found.isEmpty()) {
            return;
        }
        Chat chat = found.get();
        Router.Interaction i = router.interaction(interaction).orElse(null);
        if (i == null) {
            return;
        }
        Locale lang = locale(chat);
        if (i.state() == InteractionState.CONNECTED && chat.state() == State.WAITING) {
            String agent = router.findAgent(i.agent()).map(Router.Agent::publicId).orElse("");
            int changed = jdbc.sql("update assistant_chat set state = 'CONNECTED', agent = ? where id = ? and state = 'WAITING'")
                    .params(agent, chat.id()).update();
            if (changed == 1) {
                add(chat.id(), "system", guardrails.text("connected", lang).replace("{agent}", agent), Map.of("state", "CONNECTED"));
            }
        } else if (i.state() == InteractionState.WAITING && chat.state() == State.CONNECTED) {
            int changed = jdbc.sql("update assistant_chat set state = 'WAITING', agent = null where id = ? and state = 'CONNECTED'")
                    .param(chat.id()).update();
            if (changed == 1) {
                add(chat.id(), "system", guardrails.text("transferred", lang), Map.of("state", "WAITING"));
            }
        } else if (i.state() == InteractionState.OVERFLOWED && chat.state() == State.WAITING) {
            noOne(chat);
        }
    }

    // --- inside ---------------------------------------------------------------------------------

    record Chat(UUID id, String language, State state, UUID interaction, String agent, Instant lastAt) {
    }

    private void handOff(Chat chat) {
        Locale lang = locale(chat);
        if (!assistant.liveChatOpen()) {
            // the assistant has said the hours: what is left is the offer of a message
            int changed = jdbc.sql("update assistant_chat set state = 'NO_ONE' where id = ? and state = 'ASSISTANT'").param(chat.id()).update();
            if (changed == 1) {
                add(chat.id(), "system", guardrails.text("offer-message", lang), Map.of("state", "NO_ONE", "offer", "message"));
            }
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", "chat");
        attributes.put("chat", chat.id().toString());
        attributes.put("language", chat.language());
        attributes.put("understood", understood(chat.id()));
        // the case the visitor named, for the agent's case panel (public status for Tier 1, as always)
        receiptNamed(chat.id()).ifPresent(r -> attributes.put("receipt", r));
        Router.Interaction i;
        try {
            i = router.enqueueChat(settings.chatQueuePrefix() + chat.language(), attributes);
        } catch (Router.InvalidRequestException e) {
            log.warn("No chat queue for {}: {}", chat.language(), e.getMessage());
            noOne(chat);
            return;
        }
        Router.Interaction queued = i;
        tx.executeWithoutResult(s -> jdbc.sql("update assistant_chat set state = 'WAITING', interaction = ? where id = ?")
                .params(queued.id(), chat.id()).update());
        if (i.state() == InteractionState.OVERFLOWED) {
            noOne(new Chat(chat.id(), chat.language(), State.WAITING, i.id(), null, chat.lastAt()));
        } else if (i.state() == InteractionState.CONNECTED) {
            routingChanged(i.id());
        } else {
            add(chat.id(), "system", guardrails.text("waiting", lang), Map.of("state", "WAITING"));
        }
    }

    /** Nobody can take the chat now: the visitor is offered a contact message, and told the hours. */
    private void noOne(Chat chat) {
        int changed = jdbc.sql("update assistant_chat set state = 'NO_ONE' where id = ? and state in ('WAITING', 'ASSISTANT')")
                .param(chat.id()).update();
        if (changed == 1) {
            Locale lang = locale(chat);
            add(chat.id(), "system", guardrails.text("no-one", lang).replace("{hours}", assistant.liveChatHours(lang)),
                    Map.of("state", "NO_ONE", "offer", "message"));
        }
    }

    private void finish(UUID id, String how) {
        tx.executeWithoutResult(s -> {
            int changed = jdbc.sql("update assistant_chat set state = 'ENDED', ended_at = ? where id = ? and state <> 'ENDED'")
                    .params(Timestamp.from(clock.instant()), id).update();
            if (changed == 1) {
                Chat chat = find(id).orElseThrow();
                add(id, "system", guardrails.text(how, locale(chat)), Map.of("state", "ENDED"));
            }
        });
    }

    /** What the assistant made of the conversation, for the agent: the topics it answered and what it could not. */
    private String understood(UUID chat) {
        List<String> seen = jdbc.sql("""
                        select coalesce(article, intent) from assistant_turn where chat = ? order by at""")
                .param(chat).query(String.class).list();
        return seen.isEmpty() ? "" : String.join(", ", seen.stream().distinct().toList());
    }

    /** The last receipt number the visitor wrote in the chat, as typed without spaces. */
    private Optional<String> receiptNamed(UUID chat) {
        List<String> said = jdbc.sql("select body from assistant_chat_message where chat = ? and sender = 'visitor' order by seq desc")
                .param(chat).query(String.class).list();
        for (String text : said) {
            java.util.regex.Matcher m = Assistant.RECEIPT.matcher(text);
            if (m.find()) {
                return Optional.of((m.group(1) + m.group(2)).replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private boolean failedTwice(UUID chat) {
        List<String> last = jdbc.sql("select intent from assistant_turn where chat = ? order by at desc limit 2")
                .param(chat).query(String.class).list();
        return last.size() == 2 && last.stream().allMatch("fallback"::equals);
    }

    private Transcript transcript(Chat chat) {
        return transcript(chat, true);
    }

    private Transcript transcript(Chat chat, boolean withMessages) {
        Integer position = null;
        Long wait = null;
        if (chat.state() == State.WAITING && chat.interaction() != null) {
            try {
                Router.Wait w = router.waitOf(chat.interaction());
                position = w.position();
                wait = w.estimate().toSeconds();
            } catch (Router.InvalidRequestException e) {
                // no longer in line: the next update says where it went
            }
        }
        return new Transcript(chat.id(), chat.language(), chat.state(), withMessages ? messagesAfter(chat.id(), 0) : List.of(), position, wait,
                chat.agent(),
                assistant.liveChatHours(locale(chat)));
    }

    List<Message> messagesAfter(UUID chat, int seq) {
        return jdbc.sql("select seq, at, sender, body, extra::text from assistant_chat_message where chat = ? and seq > ? order by seq")
                .params(chat, seq)
                .query((rs, n) -> new Message(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? Map.of() : JSON.readValue(rs.getString(5), Map.class)))
                .list();
    }

    /** Adds a message, in order, and tells every node; its number in the chat. */
    private int add(UUID chat, String from, String text, Map<String, Object> extra) {
        Instant now = clock.instant();
        Integer seq = tx.execute(s -> {
            // the chat's row is locked while its next number is taken: two messages never share one
            jdbc.sql("update assistant_chat set last_at = ? where id = ?").params(Timestamp.from(now), chat).update();
            int next = jdbc.sql("select coalesce(max(seq), 0) + 1 from assistant_chat_message where chat = ?").param(chat)
                    .query(Integer.class).single();
            jdbc.sql("insert into assistant_chat_message (chat, seq, at, sender, body, extra) values (?, ?, ?, ?, ?, cast(? as jsonb))")
                    .params(chat, next, Timestamp.from(now), from, text, extra == null ? null : JSON.writeValueAsString(extra)).update();
            notify(chat, "message", from);
            return next;
        });
        if ("visitor".equals(from)) {
            log.debug("Chat {}: the visitor wrote {} characters", chat, text.length());
        }
        return seq;
    }

    private void notify(UUID chat, String kind, String from) {
        String payload = JSON.writeValueAsString(Map.of("chat", chat.toString(), "kind", kind, "from", from));
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query(Object.class).list();
    }

    private Chat owned(UUID id, String token) {
        if (id == null || token == null || token.isBlank()) {
            throw new NotYoursException();
        }
        Chat chat = jdbc.sql("select * from assistant_chat where id = ? and token_hash = ?").params(id, hash(token))
                .query(LiveChat::row).optional().orElseThrow(NotYoursException::new);
        return chat;
    }

    private Optional<Chat> find(UUID id) {
        return jdbc.sql("select * from assistant_chat where id = ?").param(id).query(LiveChat::row).optional();
    }

    private Chat ofInteraction(UUID interaction) {
        return jdbc.sql("select * from assistant_chat where interaction = ?").param(interaction).query(LiveChat::row).optional()
                .orElseThrow(() -> new Router.ConflictException("Interaction " + interaction + " is not a chat"));
    }

    private static Chat row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Chat(rs.getObject("id", UUID.class), rs.getString("language"), State.valueOf(rs.getString("state")),
                rs.getObject("interaction", UUID.class), rs.getString("agent"), rs.getTimestamp("last_at").toInstant());
    }

    private static String checkedText(String text) {
        try {
            return Assistant.plainText(text, MAX_MESSAGE_LENGTH);
        } catch (Assistant.InvalidQuestionException e) {
            throw new RefusedException(e.reason(), e.getMessage().replace("question", "message"));
        }
    }

    private static Locale locale(Chat chat) {
        return Languages.supported(Locale.forLanguageTag(chat.language()));
    }

    private static String who(String from, boolean es) {
        return switch (from) {
            case "visitor" -> es ? "Usted" : "You";
            case "assistant" -> es ? "Asistente" : "Assistant";
            case "agent" -> es ? "Agente" : "Agent";
            default -> es ? "Aviso" : "Notice";
        };
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
