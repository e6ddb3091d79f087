package org.caseline.ivr;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseline.ivr.engine.CallSession;
import org.caseline.ivr.engine.Interpreter;
import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.ivr.flow.InvalidFlowException;
import org.caseline.ivr.flow.Node;
import org.caseline.platform.Languages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a caller waiting in line hears and can press, as the shipped {@code flows/hold.yaml} says:
 * their place and the wait, a callback offer where calls can be placed, the number they call from
 * read back first. The interpreter alone, no Spring: the flow is data, and this is its behaviour.
 */
class HoldFlowTest {

    private static final Map<String, String> SHIPPED = FlowFiles.read("classpath:ivr");
    private static final FlowSet FLOWS = FlowFiles.build(SHIPPED, Lines.entriesOf(List.of("main", "military", "premium")));
    private static final Lines.Line LINE = new Lines.Line("18003755283", "Contact Center", "main", "general",
            "America/New_York", Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(21, 0), true, null);

    private final Interpreter interpreter = new Interpreter(new NoCases(), Clock.systemUTC());

    /** A wait routing reports: {@code position} in line, {@code minutes} to go. */
    private static IvrService.Waiting waiting(int position, int minutes, boolean callbacks) {
        return new IvrService.Waiting() {
            @Override
            public Optional<IvrService.Place> place() {
                return Optional.of(new IvrService.Place(position, Duration.ofMinutes(minutes)));
            }

            @Override
            public boolean callbackPossible() {
                return callbacks;
            }
        };
    }

    private CallSession inLine(String callerNumber, Locale language, IvrService.Waiting waiting, IvrService.HoldEntry entry) {
        return interpreter.newHold("c", LINE, FLOWS, callerNumber, language, waiting, entry.node());
    }

    private static List<String> said(List<Interpreter.Action> actions) {
        return actions.stream().filter(Interpreter.Action.Play.class::isInstance)
                .map(a -> ((Interpreter.Action.Play) a).text()).toList();
    }

    private static Interpreter.Action.Listen listen(List<Interpreter.Action> actions) {
        return actions.stream().filter(Interpreter.Action.Listen.class::isInstance)
                .map(Interpreter.Action.Listen.class::cast).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aCallerPutInLineHearsTheirPlaceTheWaitAndTheCallbackOfferThenWaitsHalfAMinute() {
        CallSession call = inLine("2025550143", Languages.ENGLISH, waiting(3, 6, true), IvrService.HoldEntry.IN_LINE);

        List<Interpreter.Action> first = interpreter.start(call);

        assertThat(said(first)).containsExactly("You are number 3 in line.", "Your estimated wait time is 6 minutes.",
                "To be called back instead of waiting, press 1. You will keep your place in line.");
        assertThat(listen(first).timeoutSeconds()).isEqualTo(30);
        assertThat(said(interpreter.noInput(call))).startsWith(
                "Thank you for waiting. Please stay on the line; a representative will be with you as soon as possible.",
                "You are number 3 in line.");
    }

    @Test
    void aKeyThatIsNoChoiceStartsTheWaitOverInSilence() {
        CallSession call = inLine("2025550143", Languages.ENGLISH, waiting(3, 6, true), IvrService.HoldEntry.IN_LINE);
        interpreter.start(call);

        List<Interpreter.Action> after = interpreter.keys(call, "5");

        assertThat(said(after)).isEmpty();
        assertThat(listen(after).timeoutSeconds()).isEqualTo(30);
        assertThat(call.ended()).isFalse();
    }

    @Test
    void oneReadsBackTheNumberTheCallerCallsFromAndOneMoreKeepsTheirPlaceWithACallback() {
        CallSession call = inLine("+1 (202) 555-0143", Languages.ENGLISH, waiting(3, 6, true), IvrService.HoldEntry.IN_LINE);
        interpreter.start(call);

        assertThat(said(interpreter.keys(call, "1"))).containsExactly("We will call you back at 2 0 2 5 5 5 0 1 4 3. "
                + "If this number is right, press 1. To enter a different number, press 2.");
        List<Interpreter.Action> done = interpreter.keys(call, "1");

        assertThat(done).anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(Interpreter.Action.Callback.class,
                c -> assertThat(c.phoneNumber()).isEqualTo("2025550143")));
        assertThat(said(done)).containsExactly("Thank you. You keep your place in line, and a representative will call you back."
                + " You may hang up now. Goodbye.");
        assertThat(call.outcome()).isEqualTo(CallSession.Outcome.CALLBACK_REQUESTED);
        assertThat(call.steps()).extracting(CallSession.Step::detail).noneMatch(d -> d != null && d.contains("2025550143"));
    }

    @Test
    void twoKeysAnotherNumberTheCountryCodeIsTakenAndANumberNoCallReachesIsRefused() {
        CallSession call = inLine("2025550143", Languages.ENGLISH, waiting(3, 6, true), IvrService.HoldEntry.IN_LINE);
        interpreter.start(call);
        interpreter.keys(call, "1");

        assertThat(said(interpreter.keys(call, "2"))).containsExactly(
                "Please enter the ten-digit phone number where we can call you back, then press the pound key.");
        assertThat(said(interpreter.keys(call, "0005550143"))).containsExactly("That number is not a ten-digit phone number.",
                "Please enter the ten-digit phone number where we can call you back, then press the pound key.");
        assertThat(said(interpreter.keys(call, "12025550199"))).singleElement().asString()
                .startsWith("We will call you back at 2 0 2 5 5 5 0 1 9 9.");
        assertThat(interpreter.keys(call, "1")).anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(
                Interpreter.Action.Callback.class, c -> assertThat(c.phoneNumber()).isEqualTo("2025550199")));
    }

    @Test
    void silenceWhileChoosingACallbackIsBackToWaitingInLine() {
        CallSession call = inLine("2025550143", Languages.ENGLISH, waiting(2, 1, true), IvrService.HoldEntry.IN_LINE);
        interpreter.start(call);
        List<Interpreter.Action> readBack = interpreter.keys(call, "1");

        assertThat(listen(readBack).timeoutSeconds()).isEqualTo(15);
        assertThat(said(interpreter.noInput(call))).startsWith("Thank you for waiting. Please stay on the line;"
                + " a representative will be with you as soon as possible.", "You are number 2 in line.",
                "Your estimated wait time is one minute or less.");
        assertThat(call.ended()).isFalse();
    }

    @Test
    void withoutAWayToCallBackNoCallbackIsOfferedAndOneDoesNothing() {
        CallSession call = inLine("2025550143", Languages.ENGLISH, waiting(3, 6, false), IvrService.HoldEntry.IN_LINE);

        assertThat(said(interpreter.start(call))).containsExactly("You are number 3 in line.",
                "Your estimated wait time is 6 minutes.");
        assertThat(said(interpreter.keys(call, "1"))).isEmpty();
        assertThat(call.ended()).isFalse();
    }

    @Test
    void aLongLineAndALongWaitAreSaidAsSuchInSpanish() {
        CallSession call = inLine(null, Languages.SPANISH, waiting(250, 95, true), IvrService.HoldEntry.IN_LINE);

        assertThat(said(interpreter.start(call))).startsWith("Hay más de cien personas antes que usted.",
                "Su tiempo de espera estimado es de más de una hora. Puede llamar otra vez más tarde, o permanecer en la línea.");
        // no caller ID to read back: the number is asked for
        assertThat(said(interpreter.keys(call, "1"))).containsExactly("Por favor marque el número de teléfono de diez dígitos"
                + " donde podemos devolverle la llamada, y luego oprima la tecla de numeral.");
    }

    @Test
    void movedToAnotherLineOrBackAfterAPhoneThatDidNotAnswerTheCallerIsToldSo() {
        assertThat(said(interpreter.start(inLine("2025550143", Languages.ENGLISH, waiting(1, 1, true),
                IvrService.HoldEntry.MOVED)))).startsWith("Please hold while we transfer you to a representative.",
                "You are number 1 in line.");
        assertThat(said(interpreter.start(inLine("2025550143", Languages.ENGLISH, waiting(1, 1, true),
                IvrService.HoldEntry.BACK_IN_LINE)))).startsWith("Thank you for waiting. Please stay on the line;"
                + " a representative will be with you as soon as possible.", "You are number 1 in line.");
    }

    @Test
    void whenRoutingCannotSayThePlaceTheCallerStillHearsTheOffer() {
        IvrService.Waiting unknown = new IvrService.Waiting() {
            @Override
            public Optional<IvrService.Place> place() {
                return Optional.empty();
            }

            @Override
            public boolean callbackPossible() {
                return true;
            }
        };

        assertThat(said(interpreter.start(inLine("2025550143", Languages.ENGLISH, unknown, IvrService.HoldEntry.IN_LINE))))
                .containsExactly("To be called back instead of waiting, press 1. You will keep your place in line.");
    }

    @Test
    void everyPathThroughTheHoldFlowEndsInACallbackOrComesBackToWaiting() {
        int paths = 0;
        Deque<List<String>> todo = new ArrayDeque<>();
        todo.add(List.of());
        Set<String> waits = new HashSet<>();
        while (!todo.isEmpty()) {
            List<String> events = todo.pop();
            CallSession call = inLine("2025550143", Languages.ENGLISH, waiting(4, 8, true), IvrService.HoldEntry.IN_LINE);
            List<String> seen = new ArrayList<>();
            seen.add(position(call, interpreter.start(call)));
            for (String event : events) {
                seen.add(position(call, "silence".equals(event) ? interpreter.noInput(call) : interpreter.keys(call, event)));
            }
            String at = seen.getLast();
            if (call.ended() || seen.subList(0, seen.size() - 1).contains(at)) {
                assertThat(call.outcome()).as("path %s", events).isIn(CallSession.Outcome.IN_PROGRESS,
                        CallSession.Outcome.CALLBACK_REQUESTED);
                paths++;
                continue;
            }
            waits.add(at);
            assertThat(events.size()).as("path %s is too long", events).isLessThan(10);
            for (String next : choices(FLOWS.node(new FlowSet.Position(IvrService.HOLD_FLOW, at)))) {
                List<String> longer = new ArrayList<>(events);
                longer.add(next);
                todo.add(longer);
            }
        }
        assertThat(paths).isGreaterThan(4);
        assertThat(waits).contains("offer-callback", "callback-number");
    }

    /** Where the call waits after an event: the node (the position is read from its last step). */
    private static String position(CallSession call, List<Interpreter.Action> actions) {
        return call.steps().stream().filter(s -> "NODE".equals(s.kind())).reduce((a, b) -> b).orElseThrow().node();
    }

    private static List<String> choices(Node node) {
        return switch (node) {
            case Node.Wait w -> {
                List<String> keys = new ArrayList<>(w.options().keySet());
                keys.add("silence");
                yield keys;
            }
            case Node.Collect c -> List.of("1", "2", "2025550199", "silence");
            default -> throw new AssertionError("the call waits at " + node.id() + ", which takes no keys");
        };
    }

    @Test
    void aHoldFlowWithoutTheEntriesTheLineUsesIsRefused() {
        String withoutMoved = SHIPPED.get("flows/hold.yaml").replace("  moved:", "  elsewhere:");
        Map<String, String> files = new java.util.TreeMap<>(SHIPPED);
        files.put("flows/hold.yaml", withoutMoved);

        assertThatThrownBy(() -> FlowFiles.build(files, Lines.entriesOf(List.of("main", "military", "premium"))))
                .isInstanceOfSatisfying(InvalidFlowException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.message()).contains("calls enter flow 'hold' at 'moved'")));
    }
}
