package org.caseline.telephony.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.caseline.telephony.media.RtpStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call we place (we are the user agent client): to an agent's phone, or to a caller being
 * called back. INVITE with our offer; ACK to the 200 and the answer sets the media; BYE, or CANCEL
 * while it rings, to end it. What happens is told to its {@link Owner}.
 */
final class OutboundLeg implements RtpStream.Listener {

    private static final Logger log = LoggerFactory.getLogger(OutboundLeg.class);

    /** Who placed the leg, and hears how it goes. */
    interface Owner {
        void answered(OutboundLeg leg, RtpStream stream);

        void failed(OutboundLeg leg, String why);

        void hungUp(OutboundLeg leg);
    }

    private final SipStackHost sip;
    private final Owner owner;
    private final String toUser;
    private final String fromUser;
    private final String fromDisplay;
    private final UUID interaction;
    private final int ringSeconds;
    private final RtpStream stream;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile ClientTransaction invite;
    private volatile SipProvider provider;
    private volatile Dialog dialog;
    private volatile boolean answered;
    /** The final status the phone answered our INVITE with (0 until it does). */
    private volatile int finalStatus;
    private long sdpVersion = 1;
    private volatile ScheduledFuture<?> ringTimer;
    private volatile boolean autoAnswer;

    OutboundLeg(SipStackHost sip, Owner owner, String toUser, String fromUser, String fromDisplay, UUID interaction,
                int ringSeconds) {
        this.sip = sip;
        this.owner = owner;
        this.toUser = toUser;
        this.fromUser = fromUser;
        this.fromDisplay = fromDisplay;
        this.interaction = interaction;
        this.ringSeconds = ringSeconds;
        this.stream = sip.rtp().open(this);
        if (stream == null) {
            throw new IllegalStateException("no RTP port is free");
        }
    }

    RtpStream stream() {
        return stream;
    }

    Dialog dialog() {
        return dialog;
    }

    /**
     * Asks the phone to answer by itself, as headset users set it: {@code Call-Info: answer-after=0}
     * (Snom, Yealink, Polycom, Grandstream, most softphones) and {@code Alert-Info} auto-answer (others).
     */
    OutboundLeg autoAnswer(boolean on) {
        this.autoAnswer = on;
        return this;
    }

    /** Rings {@code target} (a SIP URI); gives up after the ring time. */
    void invite(String target) throws Exception {
        invite(target, List.of());
    }

    /** Rings a phone where its registration says: through the proxies of its Path (RFC 3327), as a preloaded route. */
    void invite(org.caseline.telephony.AgentPhones.Binding phone) throws Exception {
        invite(phone.contact(), phone.path());
    }

    private void invite(String target, List<String> route) throws Exception {
        URI uri = sip.addresses().createURI(target);
        provider = uri instanceof SipURI s && "tcp".equalsIgnoreCase(s.getTransportParam()) ? sip.tcp() : sip.udp();
        String callId = provider.getNewCallId().getCallId();
        var headers = sip.headers();
        var addresses = sip.addresses();
        SipURI fromUri = addresses.createSipURI(fromUser, sip.advertised());
        var from = headers.createFromHeader(addresses.createAddress(fromDisplay, fromUri),
                Long.toHexString(ThreadLocalRandom.current().nextLong()));
        var to = headers.createToHeader(addresses.createAddress(uri instanceof SipURI ? uri
                : addresses.createSipURI(toUser, sip.advertised())), null);
        String transport = provider == sip.tcp() ? "tcp" : "udp";
        Request request = sip.messages().createRequest(uri, Request.INVITE, headers.createCallIdHeader(callId),
                headers.createCSeqHeader(1L, Request.INVITE), from, to,
                new ArrayList<>(List.of(headers.createViaHeader(sip.advertised(), sip.port(), transport, null))),
                headers.createMaxForwardsHeader(70));
        request.addHeader(sip.contact(provider == sip.tcp() ? "TCP" : "UDP"));
        for (String hop : route) { // the stack sends it to the first hop; each proxy takes itself off
            request.addLast(headers.createHeader(javax.sip.header.RouteHeader.NAME, hop));
        }
        // a softphone shows it; the desktop has the same interaction open
        request.addHeader(headers.createHeader("X-CaseLine-Interaction", interaction.toString()));
        if (autoAnswer) {
            String us = "<sip:" + sip.advertised() + ":" + sip.port() + ">";
            request.addHeader(headers.createHeader("Call-Info", us + ";answer-after=0"));
            request.addHeader(headers.createHeader("Alert-Info", us + ";info=alert-autoanswer;delay=0"));
        }
        request.setContent(Sdp.offer(sip.advertised(), stream.localPort(), sessionId, 1), sip.sdpType());
        sip.placing(callId, this);
        invite = provider.getNewClientTransaction(request);
        invite.sendRequest();
        ringTimer = sip.timers().schedule(() -> {
            if (!answered) {
                cancelRinging();
                fail("no answer in " + ringSeconds + " s");
            }
        }, ringSeconds, TimeUnit.SECONDS);
    }

    /**
     * The phone's answer to our INVITE. Everything the call needs is set, and the owner told, before
     * the ACK goes out: once acknowledged, the phone may at once hang up or re-INVITE, and what it
     * does must find the leg answered.
     */
    synchronized void response(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        if (status >= 300) {
            finalStatus = status;
            fail("the phone answered " + status);
            return;
        }
        Dialog d = event.getDialog() != null ? event.getDialog() : event.getClientTransaction().getDialog();
        long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        boolean needsBye = false;
        try {
            if (answered) {
                return; // a retransmitted 200: its ACK is sent again, nothing else
            }
            dialog = d;
            finalStatus = status;
            if (over.get()) {
                answered = true;
                needsBye = true; // released while it rang: the 200 crossed our CANCEL
                return;
            }
            Sdp.Offer answer;
            try {
                answer = Sdp.parse(response.getRawContent());
            } catch (Sdp.UnusableOfferException e) {
                answered = true;
                needsBye = true;
                fail("unusable SDP answer: " + e.getMessage());
                return;
            }
            stream.configure(answer.remote(), answer.payloadType(), answer.telephoneEventType(), !answer.onHold());
            answered = true;
            cancelTimer();
            owner.answered(this, stream);
        } finally {
            ack(d, cseq);
            if (needsBye) {
                bye();
            }
        }
    }

    private void ack(Dialog d, long cseq) {
        try {
            d.sendAck(d.createAck(cseq));
        } catch (Exception e) {
            fail("the 200 could not be acknowledged: " + e.getMessage());
        }
    }

    /**
     * The phone changed the session (hold, resume, another codec): we follow its offer and answer
     * with our SDP; null when this leg is not (or no longer) talking.
     */
    synchronized byte[] reOffered(Sdp.Offer offer) {
        if (!answered || over.get()) {
            return null;
        }
        stream.configure(offer.remote(), offer.payloadType(), offer.telephoneEventType(), !offer.onHold());
        return Sdp.answer(offer, sip.advertised(), stream.localPort(), sessionId, ++sdpVersion, false);
    }

    /** The phone turned the call down (486 Busy Here, 600 Busy Everywhere, 603 Decline), as opposed to not being reached. */
    boolean declined() {
        return finalStatus == Response.BUSY_HERE || finalStatus == Response.BUSY_EVERYWHERE || finalStatus == Response.DECLINE;
    }

    /** The other end hung up (BYE). */
    void hungUp() {
        if (over.compareAndSet(false, true)) {
            close();
            owner.hungUp(this);
        }
    }

    void fail(String why) {
        if (over.compareAndSet(false, true)) {
            close();
            owner.failed(this, why);
        }
    }

    /** Our side ends it: BYE when answered, CANCEL while it rings. */
    void release() {
        boolean first = over.compareAndSet(false, true);
        if (answered) {
            bye();
        } else {
            cancelRinging();
        }
        if (first) {
            close();
        }
    }

    private void bye() {
        Dialog d = dialog;
        if (d == null) {
            return;
        }
        try {
            d.sendRequest(provider.getNewClientTransaction(d.createRequest(Request.BYE)));
        } catch (Exception e) {
            log.debug("BYE not sent: {}", e.toString());
        }
    }

    private void cancelRinging() {
        ClientTransaction ct = invite;
        if (ct == null || answered) {
            return;
        }
        try {
            provider.getNewClientTransaction(ct.createCancel()).sendRequest();
        } catch (Exception e) {
            log.debug("CANCEL not sent: {}", e.toString());
        }
    }

    private void cancelTimer() {
        var t = ringTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void close() {
        cancelTimer();
        sip.rtp().close(stream);
        ClientTransaction ct = invite;
        if (ct != null) {
            // kept a while for late retransmissions of the 200, which must still be acknowledged
            String callId = ((javax.sip.header.CallIdHeader) ct.getRequest().getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
            sip.forgetLater(callId, this);
        }
    }

    @Override
    public void digit(char key, String method) {
        // keys from the far end do nothing here
    }

    @Override
    public void playbackFinished(long generation) {
    }
}
