package org.caseline.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.caseline.ivr.engine.CallSession;
import org.caseline.ivr.engine.Interpreter;
import org.caseline.ivr.records.CallRecords;
import org.caseline.platform.Languages;
import org.caseline.platform.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calls in progress on this node, driven through the interpreter, and recorded as they go. A
 * call stays on the node that answered it; finished calls leave memory and live on as records.
 */
@Service
class IvrCalls implements IvrService {

    private static final Logger log = LoggerFactory.getLogger(IvrCalls.class);

    /**
     * A call the interpreter runs: {@code offset} is -1 for the IVR part (its record is saved as a
     * whole) and, for a caller waiting in line, the number of steps on record before this part.
     */
    private record Live(CallSession session, String caller, String channel, int[] saved, Instant[] lastEvent, int offset) {

        boolean holding() {
            return offset >= 0;
        }
    }

    /** A call the IVR transferred, until its driver puts it on hold or hangs up. */
    private record Transferred(Lines.Line line, String caller, String channel, int steps, Instant at) {
    }

    /** A call with no event for this long has lost its driver (a closed browser tab): it is over. */
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(10);

    private final Lines lines;
    private final FlowVersions flows;
    private final Interpreter interpreter;
    private final CallRecords records;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, Transferred> transferred = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    IvrCalls(Lines lines, FlowVersions flows, Interpreter interpreter, CallRecords records, Clock clock,
             ApplicationEventPublisher events, TransactionTemplate tx) {
        this.clock = clock;
        this.events = events;
        this.tx = tx;
        this.lines = lines;
        this.flows = flows;
        this.interpreter = interpreter;
        this.records = records;
    }

    @Override
    public Turn start(String dialedNumber, String callerNumber, String channel, String callId) {
        Lines.Line line = lines.byNumber(dialedNumber).orElseThrow(() -> new UnknownLineException(dialedNumber));
        String id = callId == null ? UUID.randomUUID().toString() : callId;
        // the call keeps this version of the flows to its end, whatever changes meanwhile
        CallSession session = interpreter.newCall(id, line, flows.current(), callerNumber);
        var call = new Live(session, callerNumber, channel, new int[1], new Instant[] {clock.instant()}, -1);
        if (live.putIfAbsent(id, call) != null) {
            throw new IllegalArgumentException("A call with id " + id + " is already in progress");
        }
        log.info("Call {} on {} from {} ({})", id, line.name(), Masking.phone(callerNumber), channel);
        return turn(call, c -> interpreter.start(c.session()));
    }

    @Override
    public Turn keys(String callId, String keys) {
        return turn(call(callId), c -> interpreter.keys(c.session(), keys));
    }

    @Override
    public Turn noInput(String callId) {
        return turn(call(callId), c -> interpreter.noInput(c.session()));
    }

    @Override
    public Turn hold(String callId, HoldEntry entry, String language, Waiting waiting) {
        Live before = live.get(callId);
        Transferred from = before != null && before.holding() ? null : transferred.remove(callId);
        if (from == null && (before == null || !before.holding())) {
            throw new UnknownCallException(callId);
        }
        Lines.Line line = from != null ? from.line() : before.session().line();
        int offset = from != null ? from.steps() : before.offset() + before.session().steps().size();
        // each wait takes the newest flows: what an administrator changed is heard by the next caller put in line
        CallSession session = interpreter.newHold(callId, line, flows.current(),
                from != null ? from.caller() : before.caller(),
                "es".equals(language) ? Languages.SPANISH : Languages.ENGLISH, waiting, entry.node());
        var call = new Live(session, from != null ? from.caller() : before.caller(),
                from != null ? from.channel() : before.channel(), new int[1], new Instant[] {clock.instant()}, offset);
        live.put(callId, call);
        return turn(call, c -> interpreter.start(c.session()));
    }

    @Override
    public void leaveHold(String callId, String why) {
        transferred.remove(callId);
        Live call = live.get(callId);
        if (call != null && call.holding()) {
            turn(call, c -> {
                interpreter.leave(c.session(), why);
                return List.of();
            });
        }
    }

    @Override
    public Turn hangUp(String callId) {
        Transferred waiting = transferred.remove(callId);
        if (waiting != null && !live.containsKey(callId)) {
            return new Turn(callId, List.of(), State.ENDED, CallSession.Outcome.TRANSFERRED.name(), null, Map.of(),
                    null, null, 0, 0, null);
        }
        return turn(call(callId), c -> {
            interpreter.hangUp(c.session());
            return List.of();
        });
    }

    @Override
    public Spoken say(String promptId, String language) {
        return say(promptId, language, Map.of());
    }

    @Override
    public Spoken say(String promptId, String language, Map<String, String> values) {
        Locale locale = "es".equals(language) ? Languages.SPANISH : Languages.ENGLISH;
        return new Spoken(promptId, flows.current().prompts().render(promptId, locale, values), locale.getLanguage());
    }

    @Override
    public void recordMedia(String callId, Map<String, Object> facts) {
        records.recordMedia(callId, facts);
    }

    /** Ends calls whose driver went away without hanging up, as abandoned where they were. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void endIdleCalls() {
        Instant cutoff = clock.instant().minus(IDLE_LIMIT);
        transferred.values().removeIf(t -> t.at().isBefore(cutoff)); // handed to a person by a driver that holds no line
        for (Live call : List.copyOf(live.values())) {
            if (call.lastEvent()[0].isBefore(cutoff)) {
                log.info("Call {} idle since {}: ended as abandoned", call.session().id(), call.lastEvent()[0]);
                hangUp(call.session().id());
            }
        }
    }

    private Live call(String callId) {
        Live call = live.get(callId);
        if (call == null) {
            throw new UnknownCallException(callId);
        }
        return call;
    }

    private Turn turn(Live call, Function<Live, List<Interpreter.Action>> event) {
        List<Interpreter.Action> actions;
        synchronized (call) {
            call.lastEvent()[0] = clock.instant();
            actions = event.apply(call);
            // a key that only adds to an entry changes nothing on record: no write per digit
            if (call.holding()) {
                if (call.session().steps().size() > call.saved()[0]) {
                    call.saved()[0] = records.saveSteps(call.session(), call.offset(), call.saved()[0]);
                }
            } else if (call.session().steps().size() > call.saved()[0] || call.session().ended() || call.saved()[0] == 0) {
                call.saved()[0] = records.save(call.session(), call.caller(), call.channel(), call.saved()[0]);
            }
        }
        CallSession session = call.session();
        if (session.ended()) {
            if (live.remove(session.id(), call) && !call.holding()) {
                // in a transaction of its own, so that the event publication registry keeps it for analytics
                CallEnded ended = CallEnded.of(session, call.caller());
                tx.executeWithoutResult(status -> events.publishEvent(ended));
            }
            if (session.outcome() == CallSession.Outcome.TRANSFERRED && !call.holding()) {
                transferred.put(session.id(), new Transferred(session.line(), call.caller(), call.channel(),
                        session.steps().size(), clock.instant()));
            }
        }
        String callbackNumber = null;
        List<Spoken> prompts = new ArrayList<>();
        String queue = null;
        Map<String, String> attributes = Map.of();
        int listen = 0;
        int timeout = 0;
        for (Interpreter.Action action : actions) {
            switch (action) {
                case Interpreter.Action.Play play ->
                        prompts.add(new Spoken(play.promptId(), play.text(), play.language().getLanguage()));
                case Interpreter.Action.Transfer transfer -> {
                    queue = transfer.queue();
                    attributes = transfer.attributes();
                }
                case Interpreter.Action.Listen l -> {
                    listen = l.maxKeys();
                    timeout = l.timeoutSeconds();
                }
                case Interpreter.Action.Callback callback when call.holding() ->
                        callbackNumber = callback.phoneNumber(); // the caller keeps their place: the driver asks routing
                case Interpreter.Action.Callback callback -> {
                    queue = callback.queue();
                    attributes = callback.attributes();
                    // published in a transaction of its own: the event publication registry records it
                    // before any listener runs, so a node that dies now still has the callback placed
                    CallbackRequested requested = new CallbackRequested(session.id(), session.line().number(),
                            callback.queue(), callback.phoneNumber(), session.language().getLanguage(),
                            callback.attributes(), clock.instant());
                    tx.executeWithoutResult(status -> events.publishEvent(requested));
                }
                case Interpreter.Action.HangUp h -> { }
            }
        }
        State state = switch (session.outcome()) {
            case IN_PROGRESS -> State.IN_PROGRESS;
            case TRANSFERRED -> State.TRANSFERRED;
            case CALLBACK_REQUESTED -> State.CALLBACK_REQUESTED;
            default -> State.ENDED;
        };
        var position = session.position();
        return new Turn(session.id(), prompts, state, session.outcome().name(), queue, attributes,
                position == null ? null : position.flow(), position == null ? null : position.node(),
                state == State.IN_PROGRESS ? listen : 0, state == State.IN_PROGRESS ? timeout : 0, callbackNumber);
    }
}
