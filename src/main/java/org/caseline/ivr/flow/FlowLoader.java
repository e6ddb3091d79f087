package org.caseline.ivr.flow;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one flow file into a {@link Flow}, keeping the line of every node and reporting what it
 * cannot understand with its line. It reads the YAML node tree rather than binding to classes
 * precisely so that every problem has a line number.
 */
public final class FlowLoader {

    static final Set<String> TYPES = Set.of("say", "menu", "collect", "case-status", "language", "hours",
            "transfer", "callback", "goto", "hangup", "queue-position", "check", "wait", "office-for-zip", "news-headlines", "request-status",
            "appointment", "earlier-slots", "move-appointment", "form-order");
    static final Set<String> KEYS = Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#");

    /** The flow, if the file could be read at all, and the problems found reading it. */
    public record Result(Optional<Flow> flow, List<FlowProblem> problems) {
    }

    private final String file;
    private final List<FlowProblem> problems = new ArrayList<>();

    private FlowLoader(String file) {
        this.file = file;
    }

    public static Result load(String file, Reader reader) {
        return new FlowLoader(file).read(reader);
    }

    private Result read(Reader reader) {
        org.yaml.snakeyaml.nodes.Node root;
        try (reader) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(new FlowProblem(file, line, "not valid YAML: " + e.getProblem()));
            return new Result(Optional.empty(), problems);
        } catch (IOException | RuntimeException e) {
            problems.add(new FlowProblem(file, 1, "cannot be read: " + e.getMessage()));
            return new Result(Optional.empty(), problems);
        }
        if (!(root instanceof MappingNode top)) {
            problems.add(new FlowProblem(file, 1, "a flow file is a mapping with 'flow', 'start' and 'nodes'"));
            return new Result(Optional.empty(), problems);
        }
        Map<String, org.yaml.snakeyaml.nodes.Node> fields = mapping(top, "the flow");
        String id = scalar(fields.get("flow"), top, "flow", true);
        String start = scalar(fields.get("start"), top, "start", true);
        org.yaml.snakeyaml.nodes.Node nodesNode = fields.get("nodes");
        Map<String, Node> nodes = new LinkedHashMap<>();
        if (!(nodesNode instanceof MappingNode nodesMap)) {
            problems.add(new FlowProblem(file, line(nodesNode == null ? top : nodesNode), "'nodes' must list the flow's nodes"));
        } else {
            for (NodeTuple tuple : nodesMap.getValue()) {
                String nodeId = ((ScalarNode) tuple.getKeyNode()).getValue();
                if (nodes.containsKey(nodeId)) {
                    problems.add(new FlowProblem(file, line(tuple.getKeyNode()), "node '" + nodeId + "' is defined twice"));
                    continue;
                }
                parseNode(nodeId, tuple.getValueNode()).ifPresent(n -> nodes.put(nodeId, n));
            }
        }
        if (id == null || start == null) {
            return new Result(Optional.empty(), problems);
        }
        if (!nodes.isEmpty() && !nodes.containsKey(start) && nodesNode instanceof MappingNode) {
            problems.add(new FlowProblem(file, line(fields.get("start")), "the start node '" + start + "' is not a node of this flow"));
        }
        return new Result(Optional.of(new Flow(id, file, start, nodes)), problems);
    }

    private Optional<Node> parseNode(String id, org.yaml.snakeyaml.nodes.Node yaml) {
        if (!(yaml instanceof MappingNode map)) {
            problems.add(new FlowProblem(file, line(yaml), "node '" + id + "' must be a mapping with a 'type'"));
            return Optional.empty();
        }
        Map<String, org.yaml.snakeyaml.nodes.Node> f = mapping(map, "node '" + id + "'");
        String type = scalar(f.get("type"), map, "type", true);
        int line = line(map);
        if (type == null) {
            return Optional.empty();
        }
        String what = type + " '" + id + "'";
        return switch (type) {
            case "say" -> Optional.of(new Node.Say(id, line, req(f, map, "prompt", what), req(f, map, "next", what)));
            case "menu" -> Optional.of(new Node.Menu(id, line, req(f, map, "prompt", what), options(f.get("options"), map, what),
                    opt(f, "repeat-key"), integer(f, "retries", 3), opt(f, "on-fail"), integer(f, "timeout", 7)));
            case "collect" -> Optional.of(new Node.Collect(id, line, req(f, map, "prompt", what), req(f, map, "kind", what),
                    integer(f, "min-digits", 1), integer(f, "max-digits", 20), opt(f, "terminator") == null ? "#" : opt(f, "terminator"),
                    req(f, map, "into", what), integer(f, "retries", 3), req(f, map, "next", what), opt(f, "on-fail"),
                    integer(f, "inter-digit-timeout", 5), opt(f, "offer"),
                    opt(f, "confirm-prompt") == null ? "confirm-entry" : opt(f, "confirm-prompt"), opt(f, "invalid-prompt"),
                    integer(f, "confirm-timeout", 7), opt(f, "on-no-input")));
            case "case-status" -> Optional.of(new Node.CaseStatus(id, line, req(f, map, "receipt-from", what),
                    req(f, map, "next", what), req(f, map, "not-found", what)));
            case "language" -> Optional.of(new Node.SetLanguage(id, line, req(f, map, "language", what), req(f, map, "next", what)));
            case "hours" -> Optional.of(new Node.CheckHours(id, line, req(f, map, "open", what), req(f, map, "closed", what),
                    opt(f, "holiday")));
            case "transfer" -> Optional.of(new Node.Transfer(id, line, req(f, map, "queue", what), list(f.get("skills")),
                    integer(f, "priority", 0), opt(f, "prompt")));
            case "callback" -> Optional.of(new Node.Callback(id, line,
                    opt(f, "queue") == null ? "{line-queue}-{language}" : opt(f, "queue"),
                    req(f, map, "number-from", what), req(f, map, "prompt", what)));
            case "queue-position" -> Optional.of(new Node.QueuePosition(id, line, req(f, map, "next", what)));
            case "check" -> Optional.of(new Node.Check(id, line, req(f, map, "fact", what), req(f, map, "yes", what),
                    req(f, map, "no", what)));
            case "wait" -> Optional.of(new Node.Wait(id, line, opt(f, "prompt"), integer(f, "seconds", 30),
                    f.containsKey("options") ? options(f.get("options"), map, what) : Map.of(), req(f, map, "next", what)));
            case "office-for-zip" -> Optional.of(new Node.OfficeForZip(id, line, req(f, map, "zip-from", what),
                    req(f, map, "next", what), req(f, map, "not-found", what)));
            case "form-order" -> Optional.of(new Node.FormForOrder(id, line, req(f, map, "digits-from", what),
                    req(f, map, "next", what), req(f, map, "not-orderable", what), req(f, map, "not-found", what)));
            case "request-status" -> Optional.of(new Node.RequestStatus(id, line, req(f, map, "reference-from", what),
                    req(f, map, "next", what), req(f, map, "not-found", what)));
            case "appointment" -> Optional.of(new Node.Appointment(id, line, req(f, map, "receipt-from", what),
                    req(f, map, "appointment-type", what), req(f, map, "next", what), req(f, map, "none", what)));
            case "earlier-slots" -> Optional.of(new Node.EarlierSlots(id, line, integer(f, "count", 3), req(f, map, "next", what),
                    req(f, map, "none", what), req(f, map, "not-allowed", what)));
            case "move-appointment" -> Optional.of(new Node.MoveAppointment(id, line, integer(f, "choice", 1), req(f, map, "next", what),
                    req(f, map, "refused", what)));
            case "news-headlines" -> Optional.of(new Node.NewsHeadlines(id, line, integer(f, "count", 3), req(f, map, "next", what)));
            case "goto" -> Optional.of(new Node.GoTo(id, line, req(f, map, "target", what)));
            case "hangup" -> Optional.of(new Node.HangUp(id, line, opt(f, "prompt")));
            default -> {
                problems.add(new FlowProblem(file, line(f.get("type")), "unknown node type '" + type
                        + "'; a node is one of " + String.join(", ", TYPES.stream().sorted().toList())));
                yield Optional.empty();
            }
        };
    }

    private Map<String, String> options(org.yaml.snakeyaml.nodes.Node yaml, MappingNode owner, String what) {
        Map<String, String> options = new LinkedHashMap<>();
        if (!(yaml instanceof MappingNode map)) {
            problems.add(new FlowProblem(file, line(yaml == null ? owner : yaml), what + " needs 'options': key -> node"));
            return options;
        }
        Map<String, Integer> seenAt = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            int keyLine = line(tuple.getKeyNode());
            if (!KEYS.contains(key)) {
                problems.add(new FlowProblem(file, keyLine, what + ": '" + key + "' is not a phone key (0-9, * or #)"));
                continue;
            }
            if (seenAt.containsKey(key)) {
                problems.add(new FlowProblem(file, keyLine, what + ": key " + key + " is used twice (also on line "
                        + seenAt.get(key) + ")"));
                continue;
            }
            seenAt.put(key, keyLine);
            String target = scalar(tuple.getValueNode(), map, key, true);
            if (target != null) {
                options.put(key, target);
            }
        }
        return options;
    }

    private Map<String, org.yaml.snakeyaml.nodes.Node> mapping(MappingNode map, String what) {
        Map<String, org.yaml.snakeyaml.nodes.Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                if (fields.put(key.getValue(), tuple.getValueNode()) != null) {
                    problems.add(new FlowProblem(file, line(key), what + " sets '" + key.getValue() + "' twice"));
                }
            }
        }
        return fields;
    }

    private String req(Map<String, org.yaml.snakeyaml.nodes.Node> f, MappingNode owner, String name, String what) {
        String value = scalar(f.get(name), owner, name, false);
        if (value == null) {
            problems.add(new FlowProblem(file, line(owner), what + " needs '" + name + "'"));
        }
        return value;
    }

    private static String opt(Map<String, org.yaml.snakeyaml.nodes.Node> f, String name) {
        return f.get(name) instanceof ScalarNode s && !s.getValue().isBlank() ? s.getValue() : null;
    }

    private int integer(Map<String, org.yaml.snakeyaml.nodes.Node> f, String name, int fallback) {
        String value = opt(f, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(new FlowProblem(file, line(f.get(name)), "'" + name + "' must be a whole number, not '" + value + "'"));
            return fallback;
        }
    }

    private List<String> list(org.yaml.snakeyaml.nodes.Node yaml) {
        if (yaml instanceof SequenceNode seq) {
            return seq.getValue().stream().filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue()).toList();
        }
        return List.of();
    }

    private String scalar(org.yaml.snakeyaml.nodes.Node yaml, org.yaml.snakeyaml.nodes.Node owner, String name, boolean required) {
        if (yaml instanceof ScalarNode s && !s.getValue().isBlank()) {
            return s.getValue();
        }
        if (yaml != null || required) {
            problems.add(new FlowProblem(file, line(yaml == null ? owner : yaml), "'" + name + "' must be a single value"));
        }
        return null;
    }

    private static int line(org.yaml.snakeyaml.nodes.Node yaml) {
        return yaml == null ? 1 : yaml.getStartMark().getLine() + 1;
    }
}
