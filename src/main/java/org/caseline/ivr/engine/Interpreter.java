package org.caseline.ivr.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.caseline.ivr.IvrService;
import org.caseline.ivr.Lines;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.ivr.flow.Node;
import org.caseline.ivr.flow.Prompts;
import org.caseline.ivr.hours.OpeningHours;
import org.caseline.platform.Languages;
import org.caseline.platform.Masking;
import org.caseline.platform.PhoneNumber;

/**
 * Runs a call through the flows. It takes events (the call started, a key, silence, the caller
 * hung up) and answers with actions (play this, listen for keys, transfer, hang up). It never
 * touches a socket, so a phone line, the simulator and tests drive it the same way.
 */
public final class Interpreter {

    public sealed interface Action {
        record Play(String promptId, String text, Locale language) implements Action {
        }

        record Listen(int maxKeys, String terminator, int timeoutSeconds) implements Action {
        }

        record Transfer(String queue, List<String> skills, int priority, Map<String, String> attributes) implements Action {
        }

        record Callback(String queue, String phoneNumber, Map<String, String> attributes) implements Action {
        }

        record HangUp() implements Action {
        }
    }

    /** What the IVR needs from the case world: recover a receipt from keys, speak a status. */
    public interface Cases {
        /** The receipt number that 13 keypad digits stand for, if any. */
        Optional<String> receiptFromKeys(String digits);

        /** The public status title and description of a case, in {@code language}. */
        Optional<String[]> status(String receipt, Locale language);
    }

    /** What the IVR needs from the directory: the field office that serves a ZIP code, as a caller hears it; the forms. */
    public interface Offices {
        /** Its name, address and hours in {@code language}; empty when no such ZIP code exists. */
        Optional<String[]> forZip(String zip, Locale language);

        /** The forms whose number, without its letters, is {@code digits} (130: I-130). */
        default List<KeyedForm> formsForKeys(String digits, Locale language) {
            return List.of();
        }
    }

    /** A form as a caller hears it: its number, its title, and whether the agency mails paper copies of it. */
    public record KeyedForm(String number, String title, boolean mailed) {
    }

    /** What the IVR needs from service requests: where one stands, by its reference. */
    public interface Requests {
        /** Whether a keyed reference is one we could have given (its check digit holds). */
        boolean wellFormed(String digits);

        /** Its prompt ({@link FlowSet#REQUEST_STATUS_PROMPTS}) and values ({type}, {due}) in {@code language}; empty if none. */
        Optional<Map.Entry<String, Map<String, String>>> status(String reference, Locale language);
    }

    /**
     * What the IVR needs from appointments: a case's next one of a type, the earlier slots it may
     * move to, and the move. Values are what the prompts say ({type}, {when}, {office}).
     */
    public interface Appointments {
        /** The next appointment: its id and what is said of it; empty when there is none. */
        Optional<Map.Entry<String, Map<String, String>>> next(String receipt, String type, Locale language);

        /** Why it cannot be moved now (a prompt id), or null if it can. */
        String notMovable(String appointment);

        /** Up to {@code count} earlier free slots: each as {slot} (what {@link #move} takes) and what is said of it. */
        List<Map<String, String>> earlier(String appointment, int count, Locale language);

        /** Moves it; what is said of the new date, or empty when the slot was taken a moment ago. */
        Optional<Map<String, String>> move(String appointment, String slot, Locale language);
    }

    private static final Appointments NO_APPOINTMENTS = new Appointments() {
        @Override
        public Optional<Map.Entry<String, Map<String, String>>> next(String receipt, String type, Locale language) {
            return Optional.empty();
        }

        @Override
        public String notMovable(String appointment) {
            return "appointment-not-movable";
        }

        @Override
        public List<Map<String, String>> earlier(String appointment, int count, Locale language) {
            return List.of();
        }

        @Override
        public Optional<Map<String, String>> move(String appointment, String slot, Locale language) {
            return Optional.empty();
        }
    };

    /** What the IVR needs from the news: the latest headlines, each as {date, title}, in {@code language}. */
    public interface Headlines {
        List<String[]> latest(int count, Locale language);
    }

    private static final int MAX_HOPS = 100;
    /** A wait this long on entering the line is long enough to tell the caller when calls are answered faster. */
    static final int LONG_WAIT_MINUTES = 10;
    /** Places in line up to this are spoken as numbers (the shipped audio has them); beyond, "more than". */
    private static final int POSITIONS_SPOKEN = 100;

    private final Cases cases;
    private final Offices offices;
    private final Headlines headlines;
    private final Requests requests;
    private final Appointments appointments;
    private final org.caseline.ivr.BestTimeToCall bestTimes;
    private final Clock clock;

    public Interpreter(Cases cases, Clock clock) {
        this(cases, (zip, language) -> Optional.empty(), (count, language) -> List.of(), clock);
    }

    public Interpreter(Cases cases, Offices offices, Headlines headlines, Clock clock) {
        this(cases, offices, headlines, NO_REQUESTS, clock);
    }

    public Interpreter(Cases cases, Offices offices, Headlines headlines, Requests requests, Clock clock) {
        this(cases, offices, headlines, requests, NO_APPOINTMENTS, clock);
    }

    public Interpreter(Cases cases, Offices offices, Headlines headlines, Requests requests, Appointments appointments, Clock clock) {
        this(cases, offices, headlines, requests, appointments, (line, language) -> Optional.empty(), clock);
    }

    public Interpreter(Cases cases, Offices offices, Headlines headlines, Requests requests, Appointments appointments,
                       org.caseline.ivr.BestTimeToCall bestTimes, Clock clock) {
        this.bestTimes = bestTimes;
        this.appointments = appointments;
        this.cases = cases;
        this.offices = offices;
        this.headlines = headlines;
        this.requests = requests;
        this.clock = clock;
    }

    private static final Requests NO_REQUESTS = new Requests() {
        @Override
        public boolean wellFormed(String digits) {
            return false;
        }

        @Override
        public Optional<Map.Entry<String, Map<String, String>>> status(String reference, Locale language) {
            return Optional.empty();
        }
    };

    public CallSession newCall(String id, Lines.Line line, FlowSet flows) {
        return newCall(id, line, flows, null);
    }

    public CallSession newCall(String id, Lines.Line line, FlowSet flows, String callerNumber) {
        var flow = flows.flow(line.flow());
        return new CallSession(id, line, flows, clock.instant(), callerNumber, null,
                new FlowSet.Position(flow.id(), flow.start()));
    }

    /**
     * A caller waiting in line, spoken to by the hold flow from {@code node} (null: its start), in
     * {@code language}; {@code waiting} tells where they stand each time the flow says so.
     */
    public CallSession newHold(String id, Lines.Line line, FlowSet flows, String callerNumber, Locale language,
                               IvrService.Waiting waiting, String node) {
        var flow = flows.flow(IvrService.HOLD_FLOW);
        CallSession call = new CallSession(id, line, flows, clock.instant(), callerNumber, waiting,
                new FlowSet.Position(flow.id(), node == null ? flow.start() : node));
        call.language = language;
        return call;
    }

    public List<Action> start(CallSession call) {
        List<Action> actions = new ArrayList<>();
        step(call, "START", (call.waiting != null ? "waiting in line on " : "") + call.line.name() + " " + call.line.number());
        enter(call, call.enters, actions);
        return actions;
    }

    /** Keys the caller pressed, one or several (type-ahead is kept for the next question). */
    public List<Action> keys(CallSession call, String keys) {
        List<Action> actions = new ArrayList<>();
        for (char key : keys.toCharArray()) {
            if (call.ended()) {
                break;
            }
            if ("0123456789*#".indexOf(key) < 0) {
                continue;
            }
            key(call, key, actions);
        }
        return actions;
    }

    public List<Action> noInput(CallSession call) {
        List<Action> actions = new ArrayList<>();
        if (call.ended()) {
            return actions;
        }
        Node node = call.flows.node(call.position);
        step(call, "NO_INPUT", null);
        switch (node) {
            case Node.Menu menu -> retry(call, menu.retries(), menu.onFail(), "no-input", actions);
            case Node.Collect collect -> {
                if (call.phase == CallSession.Phase.ENTRY && call.entry.length() >= collect.minDigits()) {
                    complete(call, collect, actions);
                } else if (collect.onNoInput() != null) {
                    go(call, collect.onNoInput(), actions);
                } else {
                    retry(call, collect.retries(), collect.onFail(), "no-input", actions);
                }
            }
            case Node.Wait wait -> go(call, wait.next(), actions);
            default -> { }
        }
        return actions;
    }

    public void hangUp(CallSession call) {
        if (!call.ended()) {
            step(call, "HANGUP", "caller hung up");
            end(call, CallSession.Outcome.ABANDONED, call.position == null ? null : call.position.flow() + ":" + call.position.node());
        }
    }

    /** A caller waiting in line leaves it without hanging up: a person is ready, or the wait is over. */
    public void leave(CallSession call, String why) {
        if (!call.ended()) {
            step(call, "LEFT_LINE", why);
            end(call, CallSession.Outcome.TRANSFERRED, why);
        }
    }

    private void key(CallSession call, char key, List<Action> actions) {
        Node node = call.flows.node(call.position);
        switch (node) {
            case Node.Menu menu -> {
                step(call, "KEY", String.valueOf(key));
                String target = menu.options().get(String.valueOf(key));
                if (target != null) {
                    go(call, target, actions);
                } else if (String.valueOf(key).equals(menu.repeatKey())) {
                    enter(call, call.position, actions);
                } else {
                    retry(call, menu.retries(), menu.onFail(), "invalid-key", actions);
                }
            }
            case Node.Collect collect -> {
                if (call.phase == CallSession.Phase.CONFIRM) {
                    step(call, "KEY", String.valueOf(key));
                    if (key == '1') {
                        call.values.put(collect.into(), call.pending);
                        call.attempts = 0;
                        go(call, collect.next(), actions);
                    } else if (key == '2') {
                        call.attempts = 0;
                        enter(call, call.position, actions);
                    } else {
                        playConfirm(call, collect, actions);
                    }
                } else if (String.valueOf(key).equals(collect.terminator())) {
                    complete(call, collect, actions);
                } else if (Character.isDigit(key)) {
                    call.entry.append(key);
                    if (call.entry.length() >= collect.maxDigits()
                            || "phone".equals(collect.kind()) && PhoneNumber.complete(call.entry)) {
                        complete(call, collect, actions);
                    }
                }
            }
            case Node.Wait wait -> {
                step(call, "KEY", String.valueOf(key));
                String target = wait.options().get(String.valueOf(key));
                if (target != null) {
                    go(call, target, actions);
                } else {
                    actions.add(new Action.Listen(1, null, wait.seconds())); // not a choice: the wait starts over
                }
            }
            default -> { }
        }
    }

    /** The caller finished keying an entry: check it, read it back, ask to confirm. */
    private void complete(CallSession call, Node.Collect collect, List<Action> actions) {
        String digits = call.entry.toString();
        call.entry.setLength(0);
        boolean receipt = "receipt".equals(collect.kind());
        boolean phone = "phone".equals(collect.kind());
        step(call, "KEYS", receipt ? Masking.receipt(digits) : phone ? Masking.phone(digits) : digits);
        Optional<String> value = receipt ? cases.receiptFromKeys(digits)
                : phone ? PhoneNumber.parse(digits).map(PhoneNumber::digits)
                : "zip".equals(collect.kind()) ? Optional.of(digits).filter(d -> d.matches("[0-9]{5}"))
                : "reference".equals(collect.kind()) ? Optional.of(digits).filter(requests::wellFormed)
                : digits.length() >= collect.minDigits() ? Optional.of(digits) : Optional.empty();
        if (value.isEmpty()) {
            retry(call, collect.retries(), collect.onFail(), collect.invalidPrompt() != null ? collect.invalidPrompt()
                    : receipt ? "receipt-invalid" : "invalid-entry", actions);
            return;
        }
        call.pending = value.get();
        call.phase = CallSession.Phase.CONFIRM;
        playConfirm(call, collect, actions);
    }

    /** "You entered ..." ({entry}; a phone number is also {number}): 1 confirms, 2 keys it again. */
    private void playConfirm(CallSession call, Node.Collect collect, List<Action> actions) {
        String spelled = spell(call.pending);
        play(call, collect.confirmPrompt(), "phone".equals(collect.kind()) ? Map.of("entry", spelled, "number", spelled)
                : Map.of("entry", spelled), actions);
        actions.add(new Action.Listen(1, null, collect.confirmTimeoutSeconds()));
    }

    private void retry(CallSession call, int retries, String onFail, String promptId, List<Action> actions) {
        call.attempts++;
        if (call.attempts >= retries) {
            call.attempts = 0;
            play(call, "too-many-tries", Map.of(), actions);
            if (onFail != null) {
                go(call, onFail, actions);
            } else {
                play(call, "goodbye", Map.of(), actions);
                actions.add(new Action.HangUp());
                end(call, CallSession.Outcome.SELF_SERVICE, "gave up after " + retries + " tries");
            }
            return;
        }
        play(call, promptId, Map.of(), actions);
        int attempts = call.attempts;
        enter(call, call.position, actions);
        call.attempts = attempts;
    }

    private void go(CallSession call, String target, List<Action> actions) {
        enter(call, call.flows.resolve(call.position.flow(), target), actions);
    }

    /** Runs nodes from {@code position} until one waits for the caller or the call ends. */
    private void enter(CallSession call, FlowSet.Position position, List<Action> actions) {
        FlowSet.Position at = position;
        for (int hops = 0; hops < MAX_HOPS && at != null && !call.ended(); hops++) {
            if (!at.equals(call.position)) {
                call.attempts = 0;
                call.offered = false;
            }
            call.position = at;
            call.phase = CallSession.Phase.NONE;
            Node node = call.flows.node(at);
            step(call, "NODE", node.id());
            at = run(call, node, actions);
        }
        if (at != null && !call.ended()) {
            // A loop with nothing to wait for: a flow bug. Never leave the caller in silence.
            play(call, "technical-problem", Map.of(), actions);
            actions.add(new Action.HangUp());
            end(call, CallSession.Outcome.ERROR, "loop at " + at.flow() + ":" + at.node());
        }
    }

    /** Runs one node; returns where to go next, or null when the call waits or ends. */
    private FlowSet.Position run(CallSession call, Node node, List<Action> actions) {
        String flow = call.position.flow();
        return switch (node) {
            case Node.Say say -> {
                play(call, say.prompt(), Map.of(), actions);
                yield call.flows.resolve(flow, say.next());
            }
            case Node.Menu menu -> {
                play(call, menu.prompt(), Map.of(), actions);
                call.phase = CallSession.Phase.MENU;
                actions.add(new Action.Listen(1, null, menu.timeoutSeconds()));
                yield null;
            }
            case Node.Collect collect -> {
                Optional<PhoneNumber> own = "caller-number".equals(collect.offer()) && !call.offered
                        ? PhoneNumber.parse(call.callerNumber) : Optional.empty();
                if (own.isPresent()) { // "we will call you back at ...": read back first, 2 keys another
                    call.offered = true;
                    call.pending = own.get().digits();
                    call.phase = CallSession.Phase.CONFIRM;
                    playConfirm(call, collect, actions);
                    yield null;
                }
                play(call, collect.prompt(), Map.of(), actions);
                call.phase = CallSession.Phase.ENTRY;
                call.entry.setLength(0);
                // the driver waits this long after each digit before it reports silence
                actions.add(new Action.Listen(collect.maxDigits(), collect.terminator(), collect.interDigitTimeoutSeconds()));
                yield null;
            }
            case Node.CaseStatus status -> {
                String receipt = call.values.get(status.receiptFrom());
                Optional<String[]> spoken = receipt == null ? Optional.empty() : cases.status(receipt, call.language);
                if (spoken.isEmpty()) {
                    yield call.flows.resolve(flow, status.notFound());
                }
                play(call, "case-status-result", Map.of("title", spoken.get()[0], "description", spoken.get()[1]), actions);
                call.outcomeDetail = "case status";
                yield call.flows.resolve(flow, status.next());
            }
            case Node.OfficeForZip office -> {
                String zip = call.values.get(office.zipFrom());
                Optional<String[]> found = zip == null ? Optional.empty() : offices.forZip(zip, call.language);
                if (found.isEmpty()) {
                    yield call.flows.resolve(flow, office.notFound());
                }
                play(call, FlowSet.OFFICE_PROMPT, Map.of("office", found.get()[0], "address", found.get()[1],
                        "office-hours", found.get()[2]), actions);
                yield call.flows.resolve(flow, office.next());
            }
            case Node.FormForOrder order -> {
                String digits = call.values.get(order.digitsFrom());
                List<KeyedForm> forms = digits == null ? List.of() : offices.formsForKeys(digits, call.language);
                if (forms.size() > 1) {
                    // I-129 and I-129F share their digits: the one we mail is the one a caller can want here,
                    // and its name is said before anything happens
                    forms = forms.stream().filter(KeyedForm::mailed).toList();
                }
                if (forms.size() != 1) { // none, or two forms we mail with one number: a person sorts it out
                    yield call.flows.resolve(flow, order.notFound());
                }
                KeyedForm form = forms.getFirst();
                Map<String, String> said = Map.of("form", form.number(), "title", form.title());
                if (!form.mailed()) {
                    play(call, "form-not-orderable", said, actions);
                    yield call.flows.resolve(flow, order.notOrderable());
                }
                play(call, "form-order-found", said, actions);
                call.values.put("form-order", form.number());
                step(call, "FORM", form.number());
                yield call.flows.resolve(flow, order.next());
            }
            case Node.RequestStatus request -> {
                String reference = call.values.get(request.referenceFrom());
                var found = reference == null ? Optional.<Map.Entry<String, Map<String, String>>>empty()
                        : requests.status(reference, call.language);
                if (found.isEmpty()) {
                    yield call.flows.resolve(flow, request.notFound());
                }
                play(call, found.get().getKey(), found.get().getValue(), actions);
                call.outcomeDetail = "service request status";
                yield call.flows.resolve(flow, request.next());
            }
            case Node.Appointment appointment -> {
                String receipt = call.values.get(appointment.receiptFrom());
                var found = receipt == null ? Optional.<Map.Entry<String, Map<String, String>>>empty()
                        : appointments.next(receipt, appointment.appointmentType(), call.language);
                if (found.isEmpty()) {
                    yield call.flows.resolve(flow, appointment.none());
                }
                call.values.put("appointment", found.get().getKey());
                play(call, FlowSet.APPOINTMENT_PROMPT, found.get().getValue(), actions);
                call.outcomeDetail = "appointment heard";
                yield call.flows.resolve(flow, appointment.next());
            }
            case Node.EarlierSlots earlier -> {
                String heard = call.values.get("appointment");
                String why = heard == null ? "appointment-not-movable" : appointments.notMovable(heard);
                if (why != null) {
                    play(call, why, Map.of(), actions);
                    yield call.flows.resolve(flow, earlier.notAllowed());
                }
                List<Map<String, String>> slots = appointments.earlier(heard, earlier.count(), call.language);
                if (slots.isEmpty()) {
                    yield call.flows.resolve(flow, earlier.none());
                }
                for (int n = 0; n < slots.size(); n++) {
                    call.values.put("slot-" + (n + 1), slots.get(n).get("slot"));
                    Map<String, String> said = new LinkedHashMap<>(slots.get(n));
                    said.put("key", String.valueOf(n + 1));
                    play(call, "appointment-slot-option", said, actions);
                }
                yield call.flows.resolve(flow, earlier.next());
            }
            case Node.MoveAppointment move -> {
                String heard = call.values.get("appointment");
                String slot = call.values.get("slot-" + move.choice());
                var moved = heard == null || slot == null ? Optional.<Map<String, String>>empty()
                        : appointments.move(heard, slot, call.language);
                if (moved.isEmpty()) {
                    play(call, "appointment-slot-taken", Map.of(), actions);
                    yield call.flows.resolve(flow, move.refused());
                }
                play(call, "appointment-moved", moved.get(), actions);
                step(call, "APPOINTMENT", "moved");
                call.outcomeDetail = "appointment moved";
                yield call.flows.resolve(flow, move.next());
            }
            case Node.NewsHeadlines news -> {
                for (String[] item : headlines.latest(news.count(), call.language)) {
                    play(call, FlowSet.NEWS_PROMPT, Map.of("date", item[0], "title", item[1]), actions);
                }
                yield call.flows.resolve(flow, news.next());
            }
            case Node.SetLanguage language -> {
                call.language = "es".equals(language.language()) ? Languages.SPANISH : Languages.ENGLISH;
                step(call, "LANGUAGE", language.language());
                yield call.flows.resolve(flow, language.next());
            }
            case Node.CheckHours hours -> {
                OpeningHours.State state = call.line.hours().at(clock.instant());
                step(call, "HOURS", state.name());
                yield call.flows.resolve(flow, switch (state) {
                    case OPEN -> hours.open();
                    case CLOSED -> hours.closed();
                    case HOLIDAY -> hours.holiday() != null ? hours.holiday() : hours.closed();
                });
            }
            case Node.Transfer transfer -> {
                giveContactReference(call, actions);
                if (transfer.prompt() != null) {
                    play(call, transfer.prompt(), Map.of(), actions);
                }
                String queue = queue(call, transfer.queue());
                actions.add(new Action.Transfer(queue, transfer.skills(), transfer.priority(), gathered(call)));
                step(call, "TRANSFER", queue);
                end(call, CallSession.Outcome.TRANSFERRED, queue);
                yield null;
            }
            case Node.Callback callback -> {
                String number = call.values.get(callback.numberFrom());
                giveContactReference(call, actions);
                play(call, callback.prompt(), Map.of("number", number == null ? "" : spell(number)), actions);
                String queue = queue(call, callback.queue());
                actions.add(new Action.Callback(queue, number, gathered(call)));
                actions.add(new Action.HangUp());
                step(call, "CALLBACK", queue + " " + Masking.phone(number));
                end(call, CallSession.Outcome.CALLBACK_REQUESTED, queue);
                yield null;
            }
            case Node.QueuePosition position -> {
                Optional<IvrService.Place> place = call.waiting == null ? Optional.empty() : call.waiting.place();
                if (place.isPresent()) {
                    int ahead = place.get().position();
                    long minutes = Math.max(1, (place.get().estimate().toSeconds() + 59) / 60);
                    if (ahead > POSITIONS_SPOKEN) {
                        play(call, "queue-position-many", Map.of(), actions);
                    } else {
                        play(call, "queue-position", Map.of("position", String.valueOf(ahead)), actions);
                    }
                    if (minutes <= 1) {
                        play(call, "estimated-wait-minute", Map.of(), actions);
                    } else if (minutes > 60) {
                        play(call, "estimated-wait-long", Map.of(), actions);
                    } else {
                        play(call, "estimated-wait", Map.of("minutes", String.valueOf(minutes)), actions);
                    }
                    // a long wait on entering the line: when calls on this line are usually answered fastest
                    boolean entering = call.steps.stream().noneMatch(s -> "POSITION".equals(s.kind()));
                    if (entering && minutes >= LONG_WAIT_MINUTES) {
                        bestTimes.fastest(call.line.number(), call.language.getLanguage()).ifPresent(best ->
                                play(call, FlowSet.BEST_TIME_PROMPT, Map.of("day", call.flows.prompts()
                                                .render("weekdays-" + best.day().getValue(), call.language, Map.of()),
                                        "time", clockTime(call.flows.prompts(), java.time.LocalTime.of(best.hour(), 0), call.language)),
                                        actions));
                    }
                }
                step(call, "POSITION", place.map(p -> p.position() + " in line, about " + p.estimate().toMinutes() + " min")
                        .orElse("not known"));
                yield call.flows.resolve(flow, position.next());
            }
            case Node.Check check -> {
                boolean fact = switch (check.fact()) {
                    case "callback-possible" -> call.waiting != null && call.waiting.callbackPossible();
                    default -> false; // the flow checks refuse any other fact
                };
                step(call, "CHECK", check.fact() + " " + (fact ? "yes" : "no"));
                yield call.flows.resolve(flow, fact ? check.yes() : check.no());
            }
            case Node.Wait wait -> {
                if (wait.prompt() != null) {
                    play(call, wait.prompt(), Map.of(), actions);
                }
                call.phase = CallSession.Phase.WAIT;
                actions.add(new Action.Listen(1, null, wait.seconds()));
                yield null;
            }
            case Node.GoTo goTo -> call.flows.resolve(flow, goTo.target());
            case Node.HangUp hangUp -> {
                if (hangUp.prompt() != null) {
                    play(call, hangUp.prompt(), Map.of(), actions);
                }
                actions.add(new Action.HangUp());
                end(call, CallSession.Outcome.SELF_SERVICE, call.outcomeDetail == null ? "information" : call.outcomeDetail);
                yield null;
            }
        };
    }

    /** "{line-queue}-{language}": the line's own queue, in the caller's language. */
    private static String queue(CallSession call, String pattern) {
        return pattern.replace("{line-queue}", call.line.queue()).replace("{language}", call.language.getLanguage());
    }

    /** What the IVR learned, for the person who takes the call. */
    /**
     * Before a caller is handed to a person, they hear the reference of this contact, to write
     * down and give if they call again; routing keeps it on the contact, and the agent sees it to
     * read out. A caller already waiting in line was given it when they joined.
     */
    private void giveContactReference(CallSession call, List<Action> actions) {
        if (call.waiting != null || call.values.containsKey(CONTACT_REFERENCE)) {
            return;
        }
        String reference = org.caseline.platform.KeyableReference.random(8);
        call.values.put(CONTACT_REFERENCE, reference);
        play(call, FlowSet.CONTACT_REFERENCE_PROMPT, Map.of("reference", spell(reference)), actions);
    }

    /** The attribute a contact's reference travels in, to routing. */
    public static final String CONTACT_REFERENCE = "contactReference";

    private static Map<String, String> gathered(CallSession call) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("line", call.line.number());
        attributes.put("language", call.language.getLanguage());
        attributes.putAll(call.values);
        attributes.put("path", String.join(">", call.steps.stream()
                .filter(s -> "NODE".equals(s.kind())).map(CallSession.Step::node).toList()));
        return attributes;
    }

    private void play(CallSession call, String promptId, Map<String, String> values, List<Action> actions) {
        Map<String, String> all = new LinkedHashMap<>(values);
        Prompts prompts = call.flows.prompts();
        if (prompts.text(promptId).map(t -> t.in(call.language).contains("{hours}")).orElse(false)) {
            all.putIfAbsent("hours", hours(prompts, call.line, call.language));
        }
        all.putIfAbsent("email", call.line.afterHoursEmail() == null ? "" : call.line.afterHoursEmail());
        String text = prompts.render(promptId, call.language, all);
        actions.add(new Action.Play(promptId, text, call.language));
        step(call, "PROMPT", masked(call, text, values));
    }

    /** The call record keeps what was said, with a receipt number (read back or in a status) masked. */
    private static String masked(CallSession call, String text, Map<String, String> values) {
        String result = text;
        if (values.containsKey("entry") && call.pending != null) {
            result = result.replace(values.get("entry"), Masking.receipt(call.pending));
        }
        if (values.containsKey("number") && !values.get("number").isEmpty()) {
            result = result.replace(values.get("number"), Masking.phone(values.get("number")));
        }
        for (String value : call.values.values()) {
            if (value.length() >= 8) {
                result = result.replace(value, Masking.receipt(value));
            }
        }
        return result;
    }

    /** "EAC2590000101" read one character at a time: "E A C 2 5 9 0 0 0 0 1 0 1". */
    public static String spell(String value) {
        return String.join(" ", value.split(""));
    }

    /**
     * A line's hours of live help as a caller hears them: the prompt {@code hours-of-live-help}
     * with the line's opening and closing times ({@code time-am}, {@code time-pm}) and its time
     * zone's spoken name (the prompt {@code zone-<zone id>}, else the zone id itself).
     */
    public static String hours(Prompts prompts, Lines.Line line, Locale language) {
        String zoneId = "zone-" + line.timeZone();
        String zone = prompts.has(zoneId) ? prompts.render(zoneId, language, Map.of()) : line.timeZone();
        return prompts.render(FlowSet.HOURS_PROMPT, language, Map.of("opens", clockTime(prompts, line.opens(), language),
                "closes", clockTime(prompts, line.closes(), language), "zone", zone));
    }

    private static String clockTime(Prompts prompts, java.time.LocalTime time, Locale language) {
        int hour = time.getHour();
        String h12 = String.valueOf(hour % 12 == 0 ? 12 : hour % 12);
        return prompts.render(hour < 12 ? "time-am" : "time-pm", language,
                Map.of("hour", time.getMinute() == 0 ? h12 : h12 + ":" + String.format("%02d", time.getMinute())));
    }

    private void step(CallSession call, String kind, String detail) {
        String flow = call.position == null ? null : call.position.flow();
        String node = call.position == null ? null : call.position.node();
        call.steps.add(new CallSession.Step(clock.instant(), kind, flow, node, detail));
    }

    private void end(CallSession call, CallSession.Outcome outcome, String detail) {
        call.outcome = outcome;
        call.outcomeDetail = detail;
        call.endedAt = clock.instant();
    }

}
