package org.caseline.telephony.sip;

import java.util.UUID;

import org.caseline.platform.Masking;
import org.caseline.routing.Router;
import org.caseline.telephony.media.RtpStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A callback being placed: the agent's phone first (so that a caller who answers never waits for
 * a person), then the caller's number through the outbound trunk; when both answer, they are
 * bridged. An unanswered caller sends the callback back to routing to be tried again later.
 */
final class CallbackCall implements OutboundLeg.Owner {

    private static final Logger log = LoggerFactory.getLogger(CallbackCall.class);

    private final SipStackHost sip;
    private final Router router;
    private final UUID interaction;
    private final String agent;
    private final String number;
    private final String line;
    private final String proxy;
    private final int ringSeconds;
    private OutboundLeg agentLeg;
    private OutboundLeg callerLeg;
    private boolean over;
    private boolean bridged;

    CallbackCall(SipStackHost sip, Router router, Router.Interaction callback, String proxy, int ringSeconds) {
        this.sip = sip;
        this.router = router;
        this.interaction = callback.id();
        this.agent = callback.agent();
        this.number = callback.attributes().get("callbackNumber");
        this.line = callback.attributes().getOrDefault("line", "caseline");
        this.proxy = proxy;
        this.ringSeconds = ringSeconds;
    }

    synchronized void start(org.caseline.telephony.AgentPhones.Binding agentPhone) {
        try {
            agentLeg = new OutboundLeg(sip, this, agent, "caseline", "CaseLine callback", interaction, ringSeconds);
            agentLeg.invite(agentPhone);
        } catch (Exception e) {
            end();
            router.connectionFailed(interaction, "the agent's phone could not be called: " + e.getMessage());
        }
    }

    @Override
    public synchronized void answered(OutboundLeg leg, RtpStream stream) {
        if (over) {
            leg.release();
            return;
        }
        if (leg == agentLeg) {
            try {
                // the caller sees the line's number, so that they know who is calling back
                callerLeg = new OutboundLeg(sip, this, number, line, "CaseLine", interaction, ringSeconds * 2);
                callerLeg.invite("sip:" + number + "@" + proxy + ";user=phone");
            } catch (Exception e) {
                failed(callerLeg, "the caller could not be called: " + e.getMessage());
            }
            return;
        }
        RtpStream.bridge(agentLeg.stream(), stream);
        bridged = true;
        router.callbackConnected(interaction);
        log.info("Callback {} to {} connected to agent {}", interaction, Masking.phone(number), agent);
    }

    @Override
    public synchronized void failed(OutboundLeg leg, String why) {
        if (over) {
            return;
        }
        end();
        if (leg == agentLeg) {
            router.connectionFailed(interaction, why);
        } else {
            router.callbackFailed(interaction, "the caller did not answer (" + why + ")");
        }
    }

    @Override
    public synchronized void hungUp(OutboundLeg leg) {
        if (over) {
            return;
        }
        boolean talking = bridged;
        end();
        if (talking) {
            router.contactEnded(interaction, leg == agentLeg ? "agent hung up" : "caller hung up");
        } else {
            router.callbackFailed(interaction, "the agent hung up before the caller answered");
        }
    }

    private void end() {
        over = true;
        for (OutboundLeg leg : new OutboundLeg[] {agentLeg, callerLeg}) {
            if (leg != null) {
                leg.stream().unbridge();
                leg.release();
            }
        }
    }
}
