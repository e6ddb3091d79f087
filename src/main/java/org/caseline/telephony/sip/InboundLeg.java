package org.caseline.telephony.sip;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.TransactionState;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.caseline.routing.Router;
import org.caseline.telephony.AgentPhones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call that came in, and the SIP state that belongs to it: the INVITE's transaction, our To tag,
 * the caller's SDP, the dialog once answered, and the agent's leg while one rings or talks. It
 * does for the {@link PhoneCall} what the call needs from SIP.
 */
final class InboundLeg implements PhoneCall.Signalling {

    private static final Logger log = LoggerFactory.getLogger(InboundLeg.class);
    /** How long an agent's phone rings before the call goes back in line. */
    static final int AGENT_RING_SECONDS = 20;
    static final int RETRY_AFTER_SECONDS = 5;
    /** An offer rings on the agent's phone this much longer than routing's offer timeout, which ends it. */
    private static final int OFFER_RING_GRACE_SECONDS = 5;

    private final SipStackHost sip;
    private final AgentPhones phones;
    private final Router router;
    private final Consumer<InboundLeg> finished;
    private final Consumer<String> afterAnswerSent;

    final ServerTransaction invite;
    final String toTag;
    final String transport;
    volatile Sdp.Offer offer;
    volatile Dialog dialog;
    volatile PhoneCall call;
    volatile boolean answered;
    private volatile OutboundLeg agentLeg;
    private final AtomicBoolean released = new AtomicBoolean();
    /** Our SDP's version: one more with each answer we give in the dialog (RFC 4566 o= line). */
    final AtomicLong sdpVersion = new AtomicLong(1);
    final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    /**
     * @param finished        told once when the call is over (the endpoint forgets it, admission gets its slot back)
     * @param afterAnswerSent run right after our 200 went out, with the call's id (a test hook)
     */
    InboundLeg(SipStackHost sip, AgentPhones phones, Router router, ServerTransaction invite, String transport,
               Sdp.Offer offer, Consumer<InboundLeg> finished, Consumer<String> afterAnswerSent) {
        this.sip = sip;
        this.phones = phones;
        this.router = router;
        this.invite = invite;
        this.toTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.transport = transport;
        this.offer = offer;
        this.finished = finished;
        this.afterAnswerSent = afterAnswerSent;
    }

    @Override
    public synchronized boolean answer(PhoneCall call) {
        if (invite.getState() != TransactionState.PROCEEDING && invite.getState() != TransactionState.TRYING) {
            return false;
        }
        try {
            Response ok = response(Response.OK, invite.getRequest());
            ok.setContent(offer == null
                    ? Sdp.offer(sip.advertised(), call.stream().localPort(), sessionId, sdpVersion.get())
                    : Sdp.answer(offer, sip.advertised(), call.stream().localPort(), sessionId, sdpVersion.get(), false),
                    sip.sdpType());
            // answered before the 200 goes out: a phone that ACKs and at once sends a re-INVITE (hold,
            // a codec change, a session refresh) may be heard before this thread runs on
            dialog = invite.getDialog();
            answered = true;
            invite.sendResponse(ok);
            afterAnswerSent.accept(call.id());
            return true;
        } catch (Exception e) {
            answered = false;
            log.warn("Call {} could not be answered: {}", call.id(), e.toString());
            return false;
        }
    }

    @Override
    public synchronized void refuse(PhoneCall call, int status, String reason) {
        try {
            Response r = response(status, invite.getRequest());
            r.setReasonPhrase(reason);
            if (status == Response.SERVICE_UNAVAILABLE) {
                r.setHeader(sip.headers().createRetryAfterHeader(RETRY_AFTER_SECONDS));
            }
            invite.sendResponse(r);
        } catch (Exception e) {
            log.debug("refusing a call", e);
        }
    }

    @Override
    public void bye(PhoneCall call) {
        Dialog d = dialog;
        if (d == null) {
            return;
        }
        try {
            Request bye = d.createRequest(Request.BYE);
            ClientTransaction ct = sip.providerFor(transport).getNewClientTransaction(bye);
            d.sendRequest(ct);
        } catch (Exception e) {
            log.debug("BYE for call {} not sent: {}", call.id(), e.toString());
        }
    }

    @Override
    public void callAgent(PhoneCall call, String agent, UUID interaction) {
        String failure = ringAgent(call, agent, interaction, AGENT_RING_SECONDS, false);
        if (failure != null) {
            call.failed(null, failure);
        }
    }

    @Override
    public boolean offerToAgentPhone(PhoneCall call, String agent, UUID interaction) {
        // rings a little past the offer's own timeout: routing decides when it has rung out
        String failure = ringAgent(call, agent, interaction,
                (int) router.offerTimeout().toSeconds() + OFFER_RING_GRACE_SECONDS, phones.autoAnswer(agent));
        if (failure != null) {
            log.info("Call {}: agent {}'s phone not rung with the offer ({}); the desk has it", call.id(), agent, failure);
        }
        return failure == null;
    }

    /** Rings the agent's signed-in phone for this call; null when it rings, else why it does not. */
    private String ringAgent(PhoneCall call, String agent, UUID interaction, int ringSeconds, boolean autoAnswer) {
        var phone = phones.bindingOf(agent).orElse(null);
        if (phone == null) {
            return "no phone signed in";
        }
        try {
            OutboundLeg leg = new OutboundLeg(sip, call, agent, "caseline", "CaseLine", interaction, ringSeconds)
                    .autoAnswer(autoAnswer);
            agentLeg = leg;
            leg.invite(phone);
            return null;
        } catch (Exception e) {
            agentLeg = null;
            return "INVITE not sent: " + e.getMessage();
        }
    }

    @Override
    public void releaseAgent(PhoneCall call) {
        OutboundLeg leg = agentLeg;
        agentLeg = null;
        if (leg != null) {
            leg.release();
        }
    }

    @Override
    public void finished(PhoneCall call) {
        releaseAgent(call);
        if (released.compareAndSet(false, true)) {
            finished.accept(this);
        }
    }

    /** A response in this call's dialog: our To tag, our Contact. */
    Response response(int status, Request request) throws Exception {
        Response r = sip.messages().createResponse(status, request);
        ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
        r.setHeader(sip.contact(transport));
        return r;
    }
}
