package org.caseline.ivr.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * All flows that go live together, checked as a whole: every target exists, every prompt has
 * both languages, every node can be reached, and every menu has a way to a person or out of the
 * call. Only a set without problems is ever built.
 */
public final class FlowSet {

    /** A place in the flows: a node of a flow. */
    public record Position(String flow, String node) {
    }

    static final Set<String> COLLECT_KINDS = Set.of("receipt", "phone", "zip", "digits", "reference");
    static final Set<String> LANGUAGES = Set.of("en", "es");
    /** The facts a {@code check} node can branch on. */
    public static final Set<String> FACTS = Set.of("callback-possible");
    /** What a {@code queue-position} node says: a place in line (or "more than a hundred"), and a wait. */
    public static final List<String> QUEUE_POSITION_PROMPTS = List.of("queue-position", "queue-position-many",
            "estimated-wait", "estimated-wait-minute", "estimated-wait-long", "best-time-to-call", "weekdays-1", "weekdays-2",
            "weekdays-3", "weekdays-4", "weekdays-5", "weekdays-6", "weekdays-7");
    /** What a {@code queue-position} node adds on a long wait: when calls are usually answered fastest, {day} {time}. */
    public static final String BEST_TIME_PROMPT = "best-time-to-call";
    /** What an {@code office-for-zip} node says: {office}, {address}, {office-hours}. */
    public static final String OFFICE_PROMPT = "office-for-zip";
    /** What a {@code form-order} node says: the form found ({form}, {title}), or that it is not mailed ({form}, {title}). */
    public static final List<String> FORM_ORDER_PROMPTS = List.of("form-order-found", "form-not-orderable");
    /** What a {@code request-status} node says: open ({type}, {due}), waiting ({type}), answered ({type}). */
    public static final List<String> REQUEST_STATUS_PROMPTS = List.of("request-status-open", "request-status-waiting",
            "request-status-closed");
    /** What a caller hears before a {@code transfer} or {@code callback}: the contact's {reference}. */
    public static final String CONTACT_REFERENCE_PROMPT = "contact-reference";
    /** What an {@code appointment} node says: {type}, {when}, {office}. */
    public static final String APPOINTMENT_PROMPT = "appointment-is";
    /** What an {@code earlier-slots} node says: each slot ({key}, {when}, {office}), or why it cannot be moved now. */
    public static final List<String> EARLIER_SLOTS_PROMPTS = List.of("appointment-slot-option", "appointment-not-movable-close",
            "appointment-not-movable-often", "appointment-not-movable");
    /** What a {@code move-appointment} node says: moved ({when}, {office}), or the slot was just taken. */
    public static final List<String> MOVE_PROMPTS = List.of("appointment-moved", "appointment-slot-taken");
    /** What a {@code news-headlines} node says of each item: {date}, {title}. */
    public static final String NEWS_PROMPT = "news-headline";
    /** The sentence {@code {hours}} stands for, and the clock times and time zones it is made of. */
    public static final String HOURS_PROMPT = "hours-of-live-help";

    private final Map<String, Flow> flows;
    private final Prompts prompts;

    private FlowSet(Map<String, Flow> flows, Prompts prompts) {
        this.flows = flows;
        this.prompts = prompts;
    }

    /**
     * @param entryFlows where calls enter: a flow (at its start) or "flow:node" (the hold flow's
     *                   other entries); reachability is counted from them
     * @throws InvalidFlowException listing every problem, with file and line
     */
    public static FlowSet build(Collection<Flow> flowList, Prompts prompts, Collection<String> entryFlows,
                                List<FlowProblem> earlierProblems) {
        List<FlowProblem> problems = new ArrayList<>(earlierProblems);
        Map<String, Flow> flows = new LinkedHashMap<>();
        for (Flow flow : flowList) {
            if (flows.putIfAbsent(flow.id(), flow) != null) {
                problems.add(new FlowProblem(flow.file(), 1, "flow '" + flow.id() + "' is also defined in "
                        + flows.get(flow.id()).file()));
            }
        }
        var set = new FlowSet(flows, prompts);
        for (String entry : entryFlows) {
            Position at = set.resolve(entry, entry.contains(":") ? entry : entry + ":");
            if (!flows.containsKey(at.flow())) {
                problems.add(new FlowProblem("lines", 1, "a line enters flow '" + at.flow() + "', which does not exist"));
            } else if (!flows.get(at.flow()).nodes().containsKey(at.node())) {
                problems.add(new FlowProblem(flows.get(at.flow()).file(), 1, "calls enter flow '" + at.flow() + "' at '"
                        + at.node() + "', which is not a node of it"));
            }
        }
        for (Flow flow : flows.values()) {
            for (Node node : flow.nodes().values()) {
                set.check(flow, node, problems);
            }
        }
        set.checkHoursSentence(problems);
        if (problems.isEmpty()) {
            set.checkReachable(entryFlows, problems);
            set.checkMenusHaveAWayOut(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        return set;
    }

    public Flow flow(String id) {
        Flow flow = flows.get(id);
        if (flow == null) {
            throw new IllegalArgumentException("No flow " + id);
        }
        return flow;
    }

    public Collection<Flow> flows() {
        return flows.values();
    }

    public Prompts prompts() {
        return prompts;
    }

    public Node node(Position position) {
        return flow(position.flow()).node(position.node());
    }

    /** Where a target written in {@code from} leads: "node", "flow:node" or "flow:" (its start). */
    public Position resolve(String from, String target) {
        int colon = target.indexOf(':');
        if (colon < 0) {
            return new Position(from, target);
        }
        String flowId = target.substring(0, colon);
        String nodeId = target.substring(colon + 1);
        Flow flow = flows.get(flowId);
        return new Position(flowId, nodeId.isEmpty() && flow != null ? flow.start() : nodeId);
    }

    /** The targets a node can lead to, in the order a reader sees them. */
    public static List<String> targets(Node node) {
        return switch (node) {
            case Node.Say s -> List.of(s.next());
            case Node.Menu m -> Stream.concat(m.options().values().stream(), Stream.ofNullable(m.onFail())).toList();
            case Node.Collect c -> Stream.of(Stream.of(c.next()), Stream.ofNullable(c.onFail()), Stream.ofNullable(c.onNoInput()))
                    .flatMap(t -> t).toList();
            case Node.CaseStatus c -> List.of(c.next(), c.notFound());
            case Node.SetLanguage l -> List.of(l.next());
            case Node.CheckHours h -> Stream.concat(Stream.of(h.open(), h.closed()), Stream.ofNullable(h.holiday())).toList();
            case Node.GoTo g -> List.of(g.target());
            case Node.QueuePosition q -> List.of(q.next());
            case Node.OfficeForZip o -> List.of(o.next(), o.notFound());
            case Node.FormForOrder o -> List.of(o.next(), o.notOrderable(), o.notFound());
            case Node.RequestStatus r -> List.of(r.next(), r.notFound());
            case Node.NewsHeadlines n -> List.of(n.next());
            case Node.Appointment a -> List.of(a.next(), a.none());
            case Node.EarlierSlots e -> List.of(e.next(), e.none(), e.notAllowed());
            case Node.MoveAppointment m -> List.of(m.next(), m.refused());
            case Node.Check c -> List.of(c.yes(), c.no());
            case Node.Wait w -> Stream.concat(w.options().values().stream(), Stream.of(w.next())).toList();
            case Node.Transfer t -> List.of();
            case Node.Callback c -> List.of();
            case Node.HangUp h -> List.of();
        };
    }

    private static List<String> prompts(Node node) {
        return switch (node) {
            case Node.Say s -> List.of(s.prompt());
            case Node.Menu m -> List.of(m.prompt());
            case Node.Collect c -> Stream.of(c.prompt(), c.confirmPrompt(), c.invalidPrompt()).filter(p -> p != null).toList();
            case Node.Wait w -> Stream.ofNullable(w.prompt()).toList();
            case Node.QueuePosition q -> QUEUE_POSITION_PROMPTS;
            case Node.OfficeForZip o -> List.of(OFFICE_PROMPT);
            case Node.FormForOrder o -> FORM_ORDER_PROMPTS;
            case Node.RequestStatus r -> REQUEST_STATUS_PROMPTS;
            case Node.NewsHeadlines n -> List.of(NEWS_PROMPT);
            case Node.Appointment a -> List.of(APPOINTMENT_PROMPT);
            case Node.EarlierSlots e -> EARLIER_SLOTS_PROMPTS;
            case Node.MoveAppointment m -> MOVE_PROMPTS;
            case Node.Transfer t -> Stream.concat(Stream.ofNullable(t.prompt()), Stream.of(CONTACT_REFERENCE_PROMPT)).toList();
            case Node.Callback c -> List.of(c.prompt(), CONTACT_REFERENCE_PROMPT);
            case Node.HangUp h -> Stream.ofNullable(h.prompt()).toList();
            default -> List.of();
        };
    }

    private void check(Flow flow, Node node, List<FlowProblem> problems) {
        for (String target : targets(node)) {
            if (target == null) {
                continue;
            }
            Position to = resolve(flow.id(), target);
            Flow toFlow = flows.get(to.flow());
            if (toFlow == null) {
                problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "' goes to flow '" + to.flow()
                        + "', which does not exist"));
            } else if (!toFlow.nodes().containsKey(to.node())) {
                problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "' goes to '" + target
                        + "', which is not a node of flow " + to.flow()));
            }
        }
        for (String prompt : prompts(node)) {
            if (prompt != null && !prompts.has(prompt)) {
                problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "' plays prompt '" + prompt
                        + "', which has no text in English and Spanish"));
            }
        }
        if (node instanceof Node.Collect c && c.kind() != null && !COLLECT_KINDS.contains(c.kind())) {
            problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "' collects '" + c.kind()
                    + "'; it can collect " + COLLECT_KINDS));
        }
        if (node instanceof Node.Collect c && c.offer() != null && !"caller-number".equals(c.offer())) {
            problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "' offers '" + c.offer()
                    + "'; it can offer caller-number"));
        }
        if (node instanceof Node.Check c && c.fact() != null && !FACTS.contains(c.fact())) {
            problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "' checks '" + c.fact()
                    + "'; the facts are " + FACTS));
        }
        if (node instanceof Node.SetLanguage l && l.language() != null && !LANGUAGES.contains(l.language())) {
            problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "' sets language '" + l.language()
                    + "'; the languages are " + LANGUAGES));
        }
        if (node instanceof Node.Menu m && m.repeatKey() != null && m.options().containsKey(m.repeatKey())) {
            problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id() + "': key " + m.repeatKey()
                    + " is both the repeat key and an option"));
        }
    }

    /** A prompt that says {hours} needs the sentence it stands for. */
    private void checkHoursSentence(List<FlowProblem> problems) {
        boolean said = prompts.ids().stream().map(prompts::text).flatMap(java.util.Optional::stream)
                .anyMatch(t -> t.en().contains("{hours}") || t.es().contains("{hours}"));
        for (String needed : List.of(HOURS_PROMPT, "time-am", "time-pm")) {
            if (said && !prompts.has(needed)) {
                problems.add(new FlowProblem(FlowFiles.PROMPTS, 1, "prompts say {hours}, which needs the prompt '"
                        + needed + "' in English and Spanish"));
            }
        }
    }

    private void checkReachable(Collection<String> entryFlows, List<FlowProblem> problems) {
        Set<Position> seen = walk(entryFlows.stream().map(e -> resolve(e, e.contains(":") ? e : e + ":")).toList());
        for (Flow flow : flows.values()) {
            for (Node node : flow.nodes().values()) {
                if (!seen.contains(new Position(flow.id(), node.id()))) {
                    problems.add(new FlowProblem(flow.file(), node.line(), "'" + node.id()
                            + "' cannot be reached from the start of any line"));
                }
            }
        }
    }

    private void checkMenusHaveAWayOut(List<FlowProblem> problems) {
        for (Flow flow : flows.values()) {
            for (Node node : flow.nodes().values()) {
                if (node instanceof Node.Menu menu) {
                    Set<Position> reached = walk(menu.options().values().stream().map(t -> resolve(flow.id(), t)).toList());
                    boolean wayOut = reached.stream().map(this::node)
                            .anyMatch(n -> n instanceof Node.Transfer || n instanceof Node.Callback || n instanceof Node.HangUp);
                    if (!wayOut) {
                        problems.add(new FlowProblem(flow.file(), node.line(), "menu '" + node.id()
                                + "' has no way to a person or out of the call"));
                    }
                }
            }
        }
    }

    /** Every position reachable from {@code starts}. */
    public Set<Position> walk(List<Position> starts) {
        Set<Position> seen = new HashSet<>();
        Deque<Position> todo = new ArrayDeque<>(starts);
        while (!todo.isEmpty()) {
            Position at = todo.pop();
            if (!seen.add(at)) {
                continue;
            }
            for (String target : targets(node(at))) {
                if (target != null) {
                    todo.push(resolve(at.flow(), target));
                }
            }
        }
        return seen;
    }
}
