package org.caseline.telephony;

import java.security.Principal;

import org.caseline.routing.Router;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An agent's phone as routing uses it: whether it is signed in (then offers ring on it, and
 * answering accepts) and whether it answers by itself. Agents set their own; supervisors and
 * administrators anyone's.
 */
@RestController
class AgentPhoneApi {

    private final AgentPhones phones;
    private final Router router;

    AgentPhoneApi(AgentPhones phones, Router router) {
        this.phones = phones;
        this.router = router;
    }

    /** What the agent's phone does with offers. {@code contact}: where it is signed in, or null. */
    record Phone(String username, boolean signedIn, String contact, boolean ringsWithOffers, boolean autoAnswer) {
    }

    record Settings(Boolean autoAnswer) {
    }

    @GetMapping("/api/agents/me/phone")
    Phone mine(Principal me) {
        return phone(me.getName());
    }

    @PutMapping("/api/agents/me/phone")
    Phone setMine(Principal me, @RequestBody Settings settings) {
        return set(me.getName(), settings);
    }

    @GetMapping("/api/agents/{username}/phone")
    Phone of(@PathVariable String username) {
        return phone(known(username));
    }

    @PutMapping("/api/agents/{username}/phone")
    Phone setOf(@PathVariable String username, @RequestBody Settings settings) {
        return set(known(username), settings);
    }

    private Phone set(String username, Settings settings) {
        if (settings == null || settings.autoAnswer() == null) {
            throw new Router.InvalidRequestException("Say whether the phone answers offers by itself: {\"autoAnswer\": true} or false");
        }
        phones.autoAnswer(username, settings.autoAnswer());
        return phone(username);
    }

    private Phone phone(String username) {
        String contact = phones.contactOf(username).orElse(null);
        return new Phone(username, contact != null, contact, contact != null, phones.autoAnswer(username));
    }

    private String known(String username) {
        if (router.findAgent(username).isEmpty()) {
            throw new Router.InvalidRequestException("No agent is called \"" + username + "\"");
        }
        return username;
    }
}
