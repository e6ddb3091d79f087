package org.caseline.ivr;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caseline.ivr.engine.CallSession;
import org.caseline.ivr.engine.Interpreter;
import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.FlowSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller asks to be called back: the number is keyed, read back, confirmed, and handed on. */
class CallbackNodeTest {

    private static final String PROMPTS = """
            offer: { en: "For a call back, press 1.", es: "Para que le devolvamos la llamada, oprima 1." }
            number: { en: "Enter your 10-digit phone number.", es: "Marque su número de teléfono de 10 dígitos." }
            confirm-entry: { en: "You entered {entry}. If this is correct, press 1.", es: "Usted marcó {entry}. Si es correcto, oprima 1." }
            invalid-entry: { en: "That number is not valid.", es: "Ese número no es válido." }
            too-many-tries: { en: "Too many tries.", es: "Demasiados intentos." }
            goodbye: { en: "Goodbye.", es: "Adiós." }
            will-call: { en: "We will call you back at {number}. Goodbye.", es: "Le llamaremos al {number}. Adiós." }
            contact-reference: { en: "Your reference is {reference}.", es: "Su referencia es {reference}." }
            """;

    private static final String FLOW = """
            flow: test
            start: offer
            nodes:
              offer:
                type: menu
                prompt: offer
                options: { "1": number }
              number:
                type: collect
                kind: phone
                prompt: number
                min-digits: 10
                max-digits: 11
                into: callback-number
                next: call-back
                on-fail: bye
              call-back:
                type: callback
                queue: "{line-queue}-{language}"
                number-from: callback-number
                prompt: will-call
              bye: { type: hangup, prompt: goodbye }
            """;

    private final FlowSet flows = FlowFiles.build(Map.of("prompts.yaml", PROMPTS, "flows/test.yaml", FLOW), List.of("test"));
    private final Lines.Line line = new Lines.Line("18003755283", "Contact Center", "test", "general", "America/New_York",
            Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(21, 0), true, null);
    private final Interpreter interpreter = new Interpreter(new NoCases(), Clock.systemUTC());

    @Test
    void theConfirmedNumberGoesToTheLinesQueueAndTheCallEnds() {
        CallSession call = interpreter.newCall("c1", line, flows);
        interpreter.start(call);
        interpreter.keys(call, "1");
        // ten digits not starting with the country code are a whole number: read back at once
        List<Interpreter.Action> readBack = interpreter.keys(call, "2025550143");

        assertThat(readBack).anySatisfy(a -> assertThat(((Interpreter.Action.Play) a).text())
                .isEqualTo("You entered 2 0 2 5 5 5 0 1 4 3. If this is correct, press 1."));

        List<Interpreter.Action> done = interpreter.keys(call, "1");

        assertThat(done).anySatisfy(a -> {
            assertThat(a).isInstanceOf(Interpreter.Action.Callback.class);
            var callback = (Interpreter.Action.Callback) a;
            assertThat(callback.queue()).isEqualTo("general-en");
            assertThat(callback.phoneNumber()).isEqualTo("2025550143");
        });
        assertThat(done).last().isInstanceOf(Interpreter.Action.HangUp.class);
        // the caller hears the contact's reference first, and it travels with the callback
        var callback = (Interpreter.Action.Callback) done.stream().filter(a -> a instanceof Interpreter.Action.Callback).findFirst().orElseThrow();
        String reference = callback.attributes().get(Interpreter.CONTACT_REFERENCE);
        assertThat(org.caseline.platform.KeyableReference.holds(reference)).isTrue();
        assertThat(((Interpreter.Action.Play) done.getFirst()).text()).isEqualTo("Your reference is " + Interpreter.spell(reference) + ".");
        assertThat(call.outcome()).isEqualTo(CallSession.Outcome.CALLBACK_REQUESTED);
        assertThat(call.steps()).extracting(CallSession.Step::detail).noneMatch(d -> d != null && d.contains("2025550143"))
                .anyMatch(d -> d != null && d.contains("0143"));
    }

    @Test
    void aNumberThatCannotBeCalledIsAskedForAgain() {
        CallSession call = interpreter.newCall("c2", line, flows);
        interpreter.start(call);
        interpreter.keys(call, "1");

        List<Interpreter.Action> actions = interpreter.keys(call, "0125550143#");

        assertThat(actions).extracting(a -> a instanceof Interpreter.Action.Play p ? p.promptId() : "")
                .contains("invalid-entry", "number");
        assertThat(call.ended()).isFalse();
    }
}
