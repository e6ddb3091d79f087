package org.caseline.ivr.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caseline.ivr.FlowVersions;
import org.caseline.ivr.records.CallRecords;
import org.caseline.ivr.flow.Flow;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.ivr.flow.Node;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * For administrators: each live flow as a map of its nodes, in file order, with what each says,
 * where each key leads, and how many calls passed through it (from the call records).
 */
@Controller
class FlowMapPage {

    record Edge(String label, String target, String anchor) {
    }

    record NodeView(String id, String anchor, String type, String prompt, long visits, List<Edge> edges) {
    }

    record FlowView(String id, String file, String start, List<NodeView> nodes, String diagram) {
    }

    private final FlowVersions versions;
    private final CallRecords records;
    private final String location;

    FlowMapPage(FlowVersions versions, CallRecords records,
                @org.springframework.beans.factory.annotation.Value("${caseline.ivr.location:classpath:ivr}") String location) {
        this.versions = versions;
        this.records = records;
        this.location = location;
    }

    /** The administrator edited the files at {@code caseline.ivr.location}: check them and put them live. */
    @org.springframework.web.bind.annotation.PostMapping("/staff/flows/reload")
    String reload(java.security.Principal who, org.springframework.web.servlet.mvc.support.RedirectAttributes result) {
        try {
            var version = versions.change(org.caseline.ivr.flow.FlowFiles.read(location), who.getName(),
                    "reloaded from " + location);
            result.addFlashAttribute("reloaded", version.number());
        } catch (org.caseline.ivr.flow.InvalidFlowException e) {
            result.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/staff/flows";
    }

    @GetMapping("/staff/flows")
    String flows(Model model, Locale locale) {
        FlowSet flows = versions.current();
        Map<String, Long> visits = records.nodeVisits();
        List<FlowView> views = new ArrayList<>();
        for (Flow flow : flows.flows()) {
            List<NodeView> nodes = new ArrayList<>();
            for (Node node : flow.nodes().values()) {
                nodes.add(new NodeView(node.id(), anchor(flow.id(), node.id()), type(node), prompt(flows, node, locale),
                        visits.getOrDefault(flow.id() + ":" + node.id(), 0L), edges(flows, flow, node)));
            }
            views.add(new FlowView(flow.id(), flow.file(), flow.start(), nodes, FlowDiagram.svg(flow, flows, visits)));
        }
        model.addAttribute("flows", views);
        var version = versions.currentVersion();
        model.addAttribute("version", version);
        model.addAttribute("versionAt", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneOffset.UTC).format(version.changedAt()));
        return "staff-flows";
    }

    private static List<Edge> edges(FlowSet flows, Flow flow, Node node) {
        List<Edge> edges = new ArrayList<>();
        switch (node) {
            case Node.Menu menu -> {
                menu.options().forEach((key, target) -> edges.add(edge(flows, flow, "key " + key, target)));
                if (menu.onFail() != null) {
                    edges.add(edge(flows, flow, "after " + menu.retries() + " failed tries", menu.onFail()));
                }
            }
            case Node.Collect collect -> {
                edges.add(edge(flows, flow, "confirmed", collect.next()));
                if (collect.onFail() != null) {
                    edges.add(edge(flows, flow, "after " + collect.retries() + " failed tries", collect.onFail()));
                }
                if (collect.onNoInput() != null) {
                    edges.add(edge(flows, flow, "silence", collect.onNoInput()));
                }
            }
            case Node.OfficeForZip office -> {
                edges.add(edge(flows, flow, "found", office.next()));
                edges.add(edge(flows, flow, "no such ZIP code", office.notFound()));
            }
            case Node.FormForOrder form -> {
                edges.add(edge(flows, flow, "a form we mail", form.next()));
                edges.add(edge(flows, flow, "a form we do not mail", form.notOrderable()));
                edges.add(edge(flows, flow, "no such form", form.notFound()));
            }
            case Node.RequestStatus request -> {
                edges.add(edge(flows, flow, "found", request.next()));
                edges.add(edge(flows, flow, "no such request", request.notFound()));
            }
            case Node.CaseStatus status -> {
                edges.add(edge(flows, flow, "found", status.next()));
                edges.add(edge(flows, flow, "not found", status.notFound()));
            }
            case Node.CheckHours hours -> {
                edges.add(edge(flows, flow, "open", hours.open()));
                edges.add(edge(flows, flow, "closed", hours.closed()));
                if (hours.holiday() != null) {
                    edges.add(edge(flows, flow, "holiday", hours.holiday()));
                }
            }
            case Node.Wait wait -> {
                wait.options().forEach((key, target) -> edges.add(edge(flows, flow, "key " + key, target)));
                edges.add(edge(flows, flow, "after " + wait.seconds() + " s of silence", wait.next()));
            }
            case Node.Check check -> {
                edges.add(edge(flows, flow, check.fact(), check.yes()));
                edges.add(edge(flows, flow, "not " + check.fact(), check.no()));
            }
            case Node.Transfer transfer -> edges.add(new Edge("to queue", transfer.queue(), null));
            case Node.Callback callback -> edges.add(new Edge("call back from queue", callback.queue(), null));
            default -> FlowSet.targets(node).forEach(t -> edges.add(edge(flows, flow, "then", t)));
        }
        return edges;
    }

    private static Edge edge(FlowSet flows, Flow flow, String label, String target) {
        FlowSet.Position to = flows.resolve(flow.id(), target);
        return new Edge(label, to.flow().equals(flow.id()) ? to.node() : to.flow() + ": " + to.node(),
                anchor(to.flow(), to.node()));
    }

    private static String anchor(String flow, String node) {
        return "node-" + flow + "-" + node;
    }

    private static String type(Node node) {
        return switch (node) {
            case Node.Say s -> "say";
            case Node.Menu m -> "menu";
            case Node.Collect c -> "collect " + c.kind();
            case Node.CaseStatus c -> "case status";
            case Node.SetLanguage l -> "language " + l.language();
            case Node.CheckHours h -> "hours";
            case Node.Transfer t -> "transfer";
            case Node.Callback c -> "callback";
            case Node.GoTo g -> "go to";
            case Node.HangUp h -> "hang up";
            case Node.QueuePosition q -> "place in line";
            case Node.Check c -> "check " + c.fact();
            case Node.Wait w -> "wait in line";
            case Node.OfficeForZip o -> "office for ZIP code";
            case Node.FormForOrder o -> "form to mail, by its number";
            case Node.RequestStatus r -> "service request status";
            case Node.NewsHeadlines n -> "latest " + n.count() + " news headlines";
            case Node.Appointment a -> "next " + a.appointmentType() + " appointment";
            case Node.EarlierSlots e -> "up to " + e.count() + " earlier slots";
            case Node.MoveAppointment m -> "move to slot " + m.choice();
        };
    }

    private static String prompt(FlowSet flows, Node node, Locale locale) {
        String id = switch (node) {
            case Node.Say s -> s.prompt();
            case Node.Menu m -> m.prompt();
            case Node.Collect c -> c.prompt();
            case Node.Transfer t -> t.prompt();
            case Node.Callback c -> c.prompt();
            case Node.HangUp h -> h.prompt();
            case Node.Wait w -> w.prompt();
            default -> null;
        };
        return id == null ? null : flows.prompts().text(id).map(t -> t.in(locale)).orElse(id);
    }
}
