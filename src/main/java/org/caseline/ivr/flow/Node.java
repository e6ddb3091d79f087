package org.caseline.ivr.flow;

import java.util.List;
import java.util.Map;

/**
 * The vocabulary of a flow: a handful of node types, like TwiML's verbs. Every node knows the
 * line of its flow file it came from, so that problems can be reported there.
 */
public sealed interface Node {

    String id();

    int line();

    /** Plays a prompt, then goes on. */
    record Say(String id, int line, String prompt, String next) implements Node {
    }

    /** Plays a prompt and waits for one key; unknown keys and silence are retried. */
    record Menu(String id, int line, String prompt, Map<String, String> options, String repeatKey, int retries,
                String onFail, int timeoutSeconds) implements Node {
    }

    /**
     * Collects digits (a receipt number, a phone number), reads them back and asks to confirm.
     * {@code offer} "caller-number" first reads back the number the caller calls from (2 keys
     * another); {@code onNoInput}, when set, is where silence goes, instead of asking again.
     */
    record Collect(String id, int line, String prompt, String kind, int minDigits, int maxDigits, String terminator,
                   String into, int retries, String next, String onFail, int interDigitTimeoutSeconds,
                   String offer, String confirmPrompt, String invalidPrompt, int confirmTimeoutSeconds, String onNoInput)
            implements Node {
    }

    /** Speaks the public status of the case whose receipt number was collected. */
    record CaseStatus(String id, int line, String receiptFrom, String next, String notFound) implements Node {
    }

    /** Sets the language the rest of the call is spoken in. */
    record SetLanguage(String id, int line, String language, String next) implements Node {
    }

    /** Branches on the line's hours of live help. */
    record CheckHours(String id, int line, String open, String closed, String holiday) implements Node {
    }

    /** Hands the caller to a queue of people, with what the IVR learned. */
    record Transfer(String id, int line, String queue, List<String> skills, int priority, String prompt)
            implements Node {
    }

    /**
     * Ends the call with a request to be called back at a number collected (and confirmed) before.
     * In the hold flow the caller keeps their place in the line they wait in.
     */
    record Callback(String id, int line, String queue, String numberFrom, String prompt) implements Node {
    }

    /** Says where a waiting caller stands in line and how long the wait should be, then goes on. */
    record QueuePosition(String id, int line, String next) implements Node {
    }

    /** Branches on a fact of the call ({@code callback-possible}: calls can be placed to callers here). */
    record Check(String id, int line, String fact, String yes, String no) implements Node {
    }

    /**
     * A caller waiting in line: plays a prompt (if any), then waits {@code seconds} for a key; a key
     * among the options goes where it says, any other starts the wait over, and silence goes next.
     */
    record Wait(String id, int line, String prompt, int seconds, Map<String, String> options, String next)
            implements Node {
    }

    /** Speaks the field office that serves the ZIP code collected before: its name, address and hours. */
    record OfficeForZip(String id, int line, String zipFrom, String next, String notFound) implements Node {
    }

    /**
     * Finds the form whose number the caller keyed (130 for Form I-130: the letter left out) and
     * speaks it; a form the agency mails is remembered as {@code form-order} for the representative
     * who takes the caller's name and address, one it does not mail goes to {@code notOrderable}.
     */
    record FormForOrder(String id, int line, String digitsFrom, String next, String notOrderable, String notFound) implements Node {
    }

    /**
     * Speaks where the service request whose reference was collected before stands: open with its
     * due date, waiting for the caller's information, or answered (the answer itself is read online).
     */
    record RequestStatus(String id, int line, String referenceFrom, String next, String notFound) implements Node {
    }

    /**
     * Speaks the caller's next appointment of a type, for the case whose receipt number was
     * collected before: what, when and where. It is remembered for the nodes that move it.
     */
    record Appointment(String id, int line, String receiptFrom, String appointmentType, String next, String none) implements Node {
    }

    /**
     * Speaks up to {@code count} free slots earlier than the appointment heard before (at its
     * center and the nearby ones), numbered for the keys that choose them; {@code notAllowed} when
     * its rules forbid moving it now (said first), {@code none} when there is no earlier slot.
     */
    record EarlierSlots(String id, int line, int count, String next, String none, String notAllowed) implements Node {
    }

    /** Moves the appointment to the slot numbered {@code choice} and speaks the new date; {@code refused} if it was just taken. */
    record MoveAppointment(String id, int line, int choice, String next, String refused) implements Node {
    }

    /** Reads the latest {@code count} news headlines, each with its date, then goes on. */
    record NewsHeadlines(String id, int line, int count, String next) implements Node {
    }

    /** Continues at another node, possibly in another flow ({@code flow:node}). */
    record GoTo(String id, int line, String target) implements Node {
    }

    /** Says goodbye and ends the call. */
    record HangUp(String id, int line, String prompt) implements Node {
    }
}
