package org.caseline.agentdesk;

import java.security.Principal;
import java.util.List;

import org.caseline.routing.Queues;
import org.caseline.routing.Router;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The agent desktop ({@code /staff/desk}, Tier 1 and Tier 2) and the wallboard ({@code /staff/wallboard}, supervisors). */
@Controller
class DeskPages {

    private final Router router;
    private final Queues queues;
    private final List<String> dispositions;
    private final List<String> breakReasons;

    DeskPages(Router router, Queues queues, DeskProperties settings) {
        this.router = router;
        this.queues = queues;
        this.dispositions = settings.dispositions();
        this.breakReasons = settings.breakReasons();
    }

    @GetMapping("/staff/desk")
    String desk(Principal me, Model model) {
        model.addAttribute("agent", router.agent(me.getName()));
        model.addAttribute("queues", queues.all().stream().filter(q -> !q.written() && !q.chat()).toList()); // a call goes to call queues
        model.addAttribute("chatQueues", queues.all().stream().filter(q -> q.chat()).toList()); // a chat to chat queues
        model.addAttribute("writtenQueues", queues.all().stream().filter(q -> q.written()).toList()); // a message to written ones
        model.addAttribute("dispositions", dispositions);
        model.addAttribute("breakReasons", breakReasons);
        return "staff-desk";
    }

    @GetMapping("/staff/wallboard")
    String wallboard() {
        return "staff-wallboard";
    }
}
