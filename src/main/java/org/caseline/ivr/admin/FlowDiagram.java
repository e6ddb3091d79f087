package org.caseline.ivr.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.ivr.flow.Flow;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.ivr.flow.Node;

/**
 * Draws one flow as an SVG diagram: columns by distance from the start node, one box a node
 * (its id, type and how many calls passed through it), an arrow a way from one node to another
 * labelled with its key or branch. Steps into other flows end in a small label. Colours and
 * fonts come from CSS classes, so the page's content security policy holds.
 */
final class FlowDiagram {

    private static final int BOX_W = 190;
    private static final int BOX_H = 46;
    private static final int COL_GAP = 80;
    private static final int ROW_GAP = 18;
    private static final int MARGIN = 20;

    private record Arrow(String from, String to, String label) {
    }

    private FlowDiagram() {
    }

    static String svg(Flow flow, FlowSet flows, Map<String, Long> visits) {
        Map<String, Integer> layer = layers(flow, flows);
        Map<Integer, List<String>> columns = new LinkedHashMap<>();
        for (Node node : flow.nodes().values()) {
            columns.computeIfAbsent(layer.getOrDefault(node.id(), 0), k -> new ArrayList<>()).add(node.id());
        }
        Map<String, int[]> at = new HashMap<>();
        int width = 0;
        int height = 0;
        for (var column : columns.entrySet()) {
            int x = MARGIN + column.getKey() * (BOX_W + COL_GAP);
            int y = MARGIN;
            for (String id : column.getValue()) {
                at.put(id, new int[] {x, y});
                y += BOX_H + ROW_GAP;
            }
            width = Math.max(width, x + BOX_W + COL_GAP + MARGIN);
            height = Math.max(height, y + MARGIN);
        }
        String titleId = "diagram-" + flow.id();
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"caseline-diagram\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" aria-labelledby=\"").append(titleId).append("\">")
                .append("<title id=\"").append(titleId).append("\">Diagram of flow ").append(escape(flow.id()))
                .append(": ").append(flow.nodes().size()).append(" nodes; the list below describes each</title>")
                .append("<defs><marker id=\"arrow-").append(flow.id())
                .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M 0 0 L 10 5 L 0 10 z\" class=\"caseline-diagram-head\"/></marker></defs>");
        for (Arrow arrow : arrows(flow, flows)) {
            int[] from = at.get(arrow.from());
            int x1 = from[0] + BOX_W;
            int y1 = from[1] + BOX_H / 2;
            int[] to = at.get(arrow.to());
            if (to == null) {
                // into another flow: a short stub with the target's name
                svg.append("<line class=\"caseline-diagram-edge\" x1=\"").append(x1).append("\" y1=\"").append(y1)
                        .append("\" x2=\"").append(x1 + 24).append("\" y2=\"").append(y1).append("\" marker-end=\"url(#arrow-")
                        .append(flow.id()).append(")\"/>")
                        .append("<text class=\"caseline-diagram-label\" x=\"").append(x1 + 28).append("\" y=\"").append(y1 + 4)
                        .append("\">").append(escape(arrow.label() + " " + arrow.to())).append("</text>");
                continue;
            }
            int x2 = to[0];
            int y2 = to[1] + BOX_H / 2;
            boolean back = to[0] <= from[0];
            String path = back
                    ? "M " + x1 + " " + y1 + " C " + (x1 + 60) + " " + (y1 - 40) + ", " + (x2 - 60) + " " + (y2 - 40) + ", " + x2 + " " + y2
                    : "M " + x1 + " " + y1 + " C " + (x1 + COL_GAP / 2) + " " + y1 + ", " + (x2 - COL_GAP / 2) + " " + y2 + ", " + x2 + " " + y2;
            svg.append("<path class=\"caseline-diagram-edge").append(back ? " caseline-diagram-back" : "").append("\" d=\"")
                    .append(path).append("\" marker-end=\"url(#arrow-").append(flow.id()).append(")\"/>");
            if (!arrow.label().isEmpty() && !back) {
                // by the arrow's head, where arrows from one node have fanned out to their targets
                svg.append("<text class=\"caseline-diagram-label\" text-anchor=\"end\" x=\"").append(x2 - 12)
                        .append("\" y=\"").append(y2 - 6)
                        .append("\">").append(escape(arrow.label())).append("</text>");
            }
        }
        for (Node node : flow.nodes().values()) {
            int[] p = at.get(node.id());
            long count = visits.getOrDefault(flow.id() + ":" + node.id(), 0L);
            svg.append("<g class=\"caseline-diagram-node caseline-diagram-").append(kind(node)).append("\">")
                    .append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\"/>")
                    .append("<text x=\"").append(p[0] + 8).append("\" y=\"").append(p[1] + 18).append("\" class=\"caseline-diagram-name\">")
                    .append(escape(abbreviate(node.id(), 24))).append("</text>")
                    .append("<text x=\"").append(p[0] + 8).append("\" y=\"").append(p[1] + 36).append("\" class=\"caseline-diagram-meta\">")
                    .append(escape(kind(node) + " · " + count + (count == 1 ? " call" : " calls"))).append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }

    /** Distance from the start node, following ways within this flow. */
    private static Map<String, Integer> layers(Flow flow, FlowSet flows) {
        Map<String, Integer> layer = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        layer.put(flow.start(), 0);
        todo.add(flow.start());
        while (!todo.isEmpty()) {
            String id = todo.poll();
            for (String target : FlowSet.targets(flow.node(id))) {
                FlowSet.Position to = flows.resolve(flow.id(), target);
                if (to.flow().equals(flow.id()) && !layer.containsKey(to.node())) {
                    layer.put(to.node(), layer.get(id) + 1);
                    todo.add(to.node());
                }
            }
        }
        return layer;
    }

    private static List<Arrow> arrows(Flow flow, FlowSet flows) {
        List<Arrow> arrows = new ArrayList<>();
        for (Node node : flow.nodes().values()) {
            Map<String, String> labelled = new LinkedHashMap<>();
            switch (node) {
                case Node.Menu m -> {
                    m.options().forEach((key, target) -> labelled.put(target, labelled.containsKey(target)
                            ? labelled.get(target) + "," + key : key));
                    if (m.onFail() != null) {
                        labelled.putIfAbsent(m.onFail(), "fail");
                    }
                }
                case Node.CheckHours h -> {
                    labelled.put(h.open(), "open");
                    labelled.putIfAbsent(h.closed(), "closed");
                    if (h.holiday() != null) {
                        labelled.putIfAbsent(h.holiday(), "holiday");
                    }
                }
                case Node.Wait w -> {
                    w.options().forEach((key, target) -> labelled.put(target, labelled.containsKey(target)
                            ? labelled.get(target) + "," + key : key));
                    labelled.putIfAbsent(w.next(), w.seconds() + " s");
                }
                case Node.Check c -> {
                    labelled.put(c.yes(), "yes");
                    labelled.putIfAbsent(c.no(), "no");
                }
                case Node.OfficeForZip o -> {
                    labelled.put(o.next(), "found");
                    labelled.putIfAbsent(o.notFound(), "not found");
                }
                case Node.FormForOrder o -> {
                    labelled.put(o.next(), "mailed");
                    labelled.putIfAbsent(o.notOrderable(), "not mailed");
                    labelled.putIfAbsent(o.notFound(), "not found");
                }
                case Node.RequestStatus r -> {
                    labelled.put(r.next(), "found");
                    labelled.putIfAbsent(r.notFound(), "not found");
                }
                case Node.CaseStatus c -> {
                    labelled.put(c.next(), "found");
                    labelled.putIfAbsent(c.notFound(), "not found");
                }
                case Node.Appointment a -> {
                    labelled.put(a.next(), "found");
                    labelled.putIfAbsent(a.none(), "none");
                }
                case Node.EarlierSlots e -> {
                    labelled.put(e.next(), "offered");
                    labelled.putIfAbsent(e.none(), "none earlier");
                    labelled.putIfAbsent(e.notAllowed(), "not movable");
                }
                case Node.MoveAppointment m -> {
                    labelled.put(m.next(), "moved");
                    labelled.putIfAbsent(m.refused(), "taken");
                }
                default -> FlowSet.targets(node).forEach(t -> labelled.putIfAbsent(t, ""));
            }
            labelled.forEach((target, label) -> {
                FlowSet.Position to = flows.resolve(flow.id(), target);
                arrows.add(to.flow().equals(flow.id())
                        ? new Arrow(node.id(), to.node(), label)
                        : new Arrow(node.id(), to.flow() + ":" + to.node(), label.isEmpty() ? "→" : label));
            });
        }
        return arrows;
    }

    private static String kind(Node node) {
        return switch (node) {
            case Node.Say s -> "say";
            case Node.Menu m -> "menu";
            case Node.Collect c -> "collect";
            case Node.CaseStatus c -> "status";
            case Node.SetLanguage l -> "language";
            case Node.CheckHours h -> "hours";
            case Node.Transfer t -> "transfer";
            case Node.Callback c -> "callback";
            case Node.GoTo g -> "goto";
            case Node.HangUp h -> "hangup";
            case Node.QueuePosition q -> "position";
            case Node.Check c -> "check";
            case Node.Wait w -> "wait";
            case Node.OfficeForZip o -> "office";
            case Node.FormForOrder o -> "form";
            case Node.RequestStatus r -> "request";
            case Node.NewsHeadlines n -> "news";
            case Node.Appointment a -> "appointment";
            case Node.EarlierSlots e -> "slots";
            case Node.MoveAppointment m -> "move";
        };
    }

    private static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
