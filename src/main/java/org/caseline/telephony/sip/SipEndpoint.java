package org.caseline.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.caseline.accounts.StaffAccounts;
import org.caseline.ivr.IvrService;
import org.caseline.ivr.Lines;
import org.caseline.ivr.PromptAudio;
import org.caseline.routing.Router;
import org.caseline.routing.RoutingUpdate;
import org.caseline.telephony.AgentPhones;
import org.caseline.telephony.SipProperties;
import org.caseline.telephony.media.RtpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The lines' SIP user agent server (RFC 3261) on UDP and TCP, on JAIN-SIP: INVITE with SDP
 * offer/answer, ACK, BYE, CANCEL, OPTIONS (health probes), INFO (keypad digits) and re-INVITE
 * (hold, resume). The Request-URI's user part is the dialed number and picks the line. The
 * listener only decides and answers; each call's IVR work runs off the stack's threads.
 */
@Component
class SipEndpoint implements SipListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SipEndpoint.class);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REGISTER";
    private static final int RETRY_AFTER_SECONDS = InboundLeg.RETRY_AFTER_SECONDS;

    private final SipProperties properties;
    private final Lines lines;
    private final IvrService ivr;
    private final PromptAudio audio;
    private final RtpEngine rtp;
    /** The SIP core every leg is built on. */
    private final SipStackHost host;
    private final Admission admission;
    /** The calls that came in, by their Call-ID. */
    private final Map<String, InboundLeg> legs = new ConcurrentHashMap<>();
    private final Router router;
    private final AgentPhones phones;
    private final Registrar registrar;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Runs on the answering thread right after a call's 200 went out, with the call's id: nothing in
     * production; a test holds the thread here to be the peer that acts on the 200 at once.
     */
    volatile java.util.function.Consumer<String> afterAnswerSent = callId -> {
    };

    private volatile boolean running;

    SipEndpoint(SipProperties properties, Lines lines, IvrService ivr, PromptAudio audio, RtpEngine rtp, Clock clock,
                Router router, AgentPhones phones, StaffAccounts staff) {
        this.properties = properties;
        this.router = router;
        this.phones = phones;
        this.registrar = new Registrar(staff, phones, clock);
        this.lines = lines;
        this.ivr = ivr;
        this.audio = audio;
        this.rtp = rtp;
        this.host = new SipStackHost(properties, rtp);
        this.admission = new Admission(properties, rtp, clock);
    }

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        try {
            host.start(this);
            running = true;
            log.info("SIP on port {} (UDP and TCP), media at {}", properties.port(), host.advertised());
        } catch (Exception e) {
            throw new IllegalStateException("SIP could not start on port " + properties.port() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (InboundLeg leg : List.copyOf(legs.values())) {
            if (leg.call != null) {
                leg.bye(leg.call);
                leg.call.callerHungUp("shutdown");
            }
        }
        host.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // ---- requests --------------------------------------------------------------------------

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        SipProvider provider = (SipProvider) event.getSource();
        try {
            switch (request.getMethod()) {
                case Request.ACK -> ack(request); // the dialog layer stops re-sending our 200
                case Request.INVITE -> invite(event, provider);
                case Request.BYE -> bye(event, provider);
                case Request.CANCEL -> cancel(event, provider);
                case Request.OPTIONS -> options(event, provider);
                case Request.INFO -> info(event, provider);
                case Request.REGISTER -> host.respond(event, provider, registrar.register(request, host.messages(), host.headers()));
                default -> {
                    Response r = host.messages().createResponse(Response.METHOD_NOT_ALLOWED, request);
                    r.setHeader(host.headers().createAllowHeader(ALLOW));
                    host.respond(event, provider, r);
                }
            }
        } catch (Exception e) {
            log.warn("{} not handled: {}", request.getMethod(), e.toString());
            try {
                host.respond(event, provider, host.messages().createResponse(Response.SERVER_INTERNAL_ERROR, request));
            } catch (Exception ignored) {
                // nothing more we can do for this request
            }
        }
    }

    private void invite(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        String callId = callId(request);
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        if (unsupportedRequire(event, provider)) {
            return;
        }
        InboundLeg existing = legs.get(callId);
        if (toTag != null && host.placed(callId) instanceof OutboundLeg placed) {
            reInvitePlaced(event, provider, placed);
            return;
        }
        if (toTag != null) {
            if (existing == null || !existing.answered) {
                host.respond(event, provider, host.messages().createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            } else {
                reInvite(event, provider, existing);
            }
            return;
        }
        if (existing != null) {
            // the same INVITE by another path (RFC 3261 8.2.2.2), or a new one reusing a live Call-ID
            host.respond(event, provider, host.messages().createResponse(Response.LOOP_DETECTED, request));
            return;
        }
        String number = dialedNumber(request.getRequestURI());
        if (number == null || lines.byNumber(number).isEmpty()) {
            Response r = host.messages().createResponse(Response.NOT_FOUND, request);
            r.setReasonPhrase("No line has this number");
            host.respond(event, provider, r);
            return;
        }
        Sdp.Offer offer = null; // none: a late offer, we offer in the 200 and the caller answers in the ACK
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            try {
                offer = Sdp.parse(isSdp(request) ? body : null);
            } catch (Sdp.UnusableOfferException e) {
                host.respond(event, provider, notAcceptable(request, e));
                return;
            }
        }
        if (!admission.admit()) {
            // beyond capacity: say so at once, so the caller's proxy tries another node, rather than slow every call
            Response busy = host.messages().createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.setHeader(host.headers().createRetryAfterHeader(RETRY_AFTER_SECONDS));
            host.respond(event, provider, busy);
            return;
        }
        ServerTransaction transaction;
        try {
            transaction = host.transaction(event, provider);
        } catch (Exception e) {
            admission.release();
            throw e;
        }
        if (transaction == null) {
            admission.release();
            return;
        }
        String transport = host.transportOf(provider);
        InboundLeg leg = new InboundLeg(host, phones, router, transaction, transport, offer, this::forget,
                id -> afterAnswerSent.accept(id));
        PhoneCall call;
        try {
            call = new PhoneCall(callId, number, caller(request), transport, offer == null ? null : offer.codec(), ivr,
                    audio, rtp, new SerialExecutor(work), host.timers(), leg, router, properties.placesCalls());
        } catch (IllegalStateException e) {
            admission.release();
            Response busy = host.messages().createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.setHeader(host.headers().createRetryAfterHeader(RETRY_AFTER_SECONDS));
            transaction.sendResponse(busy);
            return;
        }
        leg.call = call;
        if (offer != null) {
            call.stream().configure(offer.remote(), offer.payloadType(), offer.telephoneEventType(), !offer.onHold());
        }
        legs.put(callId, leg);
        transaction.sendResponse(leg.response(Response.TRYING, request));
        call.start();
    }

    /** The ACK to a late offer's 200 carries the caller's answer: now we know where and how to send. */
    private void ack(Request request) {
        InboundLeg leg = legs.get(callId(request));
        if (leg == null || leg.offer != null || leg.call == null) {
            return;
        }
        try {
            Sdp.Offer answer = Sdp.parse(isSdp(request) ? request.getRawContent() : null);
            leg.offer = answer;
            leg.call.codec(answer.codec());
            leg.call.stream().configure(answer.remote(), answer.payloadType(), answer.telephoneEventType(), !answer.onHold());
        } catch (Sdp.UnusableOfferException e) {
            // RFC 3264: an answer we cannot use ends the call
            log.info("Call {}: the answer in the ACK is unusable ({}); hanging up", leg.call.id(), e.getMessage());
            leg.bye(leg.call);
            leg.call.callerHungUp("unusable SDP answer");
        }
    }

    /** A re-INVITE (hold, resume, another codec) from the caller of a call we answered. */
    private void reInvite(RequestEvent event, SipProvider provider, InboundLeg leg) throws Exception {
        ServerTransaction transaction = host.transaction(event, provider);
        Sdp.Offer offer = reOffer(event.getRequest(), transaction);
        if (offer == null) {
            return;
        }
        leg.offer = offer;
        leg.call.stream().configure(offer.remote(), offer.payloadType(), offer.telephoneEventType(), !offer.onHold());
        Response ok = leg.response(Response.OK, event.getRequest());
        ok.setContent(Sdp.answer(offer, host.advertised(), leg.call.stream().localPort(), leg.sessionId,
                leg.sdpVersion.incrementAndGet(), false), host.sdpType());
        transaction.sendResponse(ok);
    }

    /** A re-INVITE from a phone we called (an agent putting the caller on hold, say): follow it. */
    private void reInvitePlaced(RequestEvent event, SipProvider provider, OutboundLeg placed) throws Exception {
        ServerTransaction transaction = host.transaction(event, provider);
        Sdp.Offer offer = reOffer(event.getRequest(), transaction);
        if (offer == null) {
            return;
        }
        byte[] answer = placed.reOffered(offer);
        Response response = host.messages().createResponse(answer == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK,
                event.getRequest());
        if (answer != null) {
            response.setHeader(host.contact(host.transportOf(provider)));
            response.setContent(answer, host.sdpType());
        }
        transaction.sendResponse(response);
    }

    /** A re-INVITE's new offer; null when there is nothing to answer (a retransmission) or it is unusable (answered 488). */
    private Sdp.Offer reOffer(Request request, ServerTransaction transaction) throws Exception {
        if (transaction == null) {
            return null;
        }
        try {
            return Sdp.parse(isSdp(request) ? request.getRawContent() : null);
        } catch (Sdp.UnusableOfferException e) {
            transaction.sendResponse(notAcceptable(request, e));
            return null;
        }
    }

    /** The call an in-dialog request belongs to; null (answered 481) when there is none. */
    private InboundLeg legOrNotFound(RequestEvent event, SipProvider provider) throws Exception {
        InboundLeg leg = legs.get(callId(event.getRequest()));
        if (leg == null) {
            host.respond(event, provider, host.messages().createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, event.getRequest()));
        }
        return leg;
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** 488 with a Warning that says what is wrong with the offer. */
    private Response notAcceptable(Request request, Sdp.UnusableOfferException e) throws Exception {
        Response r = host.messages().createResponse(Response.NOT_ACCEPTABLE_HERE, request);
        r.setHeader(host.headers().createWarningHeader(host.advertised(), 305, "Incompatible media format: " + e.getMessage()));
        return r;
    }

    private void bye(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        OutboundLeg placed = host.placed(callId(request));
        if (placed != null) {
            host.respond(event, provider, host.messages().createResponse(Response.OK, request));
            placed.hungUp();
            return;
        }
        InboundLeg leg = legOrNotFound(event, provider);
        if (leg == null) {
            return;
        }
        host.respond(event, provider, host.messages().createResponse(Response.OK, request));
        leg.call.callerHungUp("caller");
    }

    private void cancel(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        InboundLeg leg = legOrNotFound(event, provider);
        if (leg == null) {
            return;
        }
        host.respond(event, provider, host.messages().createResponse(Response.OK, request));
        synchronized (leg) {
            if (!leg.answered) {
                try {
                    leg.invite.sendResponse(leg.response(Response.REQUEST_TERMINATED, leg.invite.getRequest()));
                } catch (Exception e) {
                    log.debug("487 not sent", e);
                }
                leg.call.callerHungUp("caller (cancelled)");
            }
        }
    }

    private void options(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        if (unsupportedRequire(event, provider)) {
            return;
        }
        Response ok = host.messages().createResponse(Response.OK, request);
        ok.setHeader(host.headers().createAllowHeader(ALLOW));
        ok.setHeader(host.headers().createAcceptHeader("application", "sdp"));
        ok.setHeader(host.headers().createAcceptLanguageHeader(java.util.Locale.ENGLISH));
        ok.setHeader(host.contact(host.transportOf(provider)));
        host.respond(event, provider, ok);
    }

    /** Keypad digits in SIP INFO (see {@link InfoDigits}). */
    private void info(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        InboundLeg leg = legOrNotFound(event, provider);
        if (leg == null) {
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] raw = request.getRawContent();
        InfoDigits.Reading reading = InfoDigits.read(type == null ? null : type.getContentType() + "/" + type.getContentSubType(),
                raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
        if (reading instanceof InfoDigits.UnsupportedType) {
            Response r = host.messages().createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request);
            r.setHeader(host.headers().createAcceptHeader("application", "dtmf-relay"));
            r.addHeader(host.headers().createAcceptHeader("application", "dtmf"));
            host.respond(event, provider, r);
            return;
        }
        host.respond(event, provider, host.messages().createResponse(Response.OK, request));
        if (reading instanceof InfoDigits.Key(char key)) {
            leg.call.digit(key, "sip-info");
        }
    }

    /** We support no SIP extension a request may require (RFC 3261 8.2.2.3: 420 and Unsupported). */
    private boolean unsupportedRequire(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        ListIterator<?> required = request.getHeaders(RequireHeader.NAME);
        if (required == null || !required.hasNext()) {
            return false;
        }
        Response r = host.messages().createResponse(Response.BAD_EXTENSION, request);
        while (required.hasNext()) {
            r.addHeader(host.headers().createUnsupportedHeader(((RequireHeader) required.next()).getOptionTag()));
        }
        host.respond(event, provider, r);
        return true;
    }

    // ---- other events ----------------------------------------------------------------------

    @Override
    public void processResponse(ResponseEvent event) {
        var cseq = (javax.sip.header.CSeqHeader) event.getResponse().getHeader(javax.sip.header.CSeqHeader.NAME);
        if (cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return; // responses to our BYEs and CANCELs: nothing follows from them
        }
        OutboundLeg leg = host.placed(((CallIdHeader) event.getResponse().getHeader(CallIdHeader.NAME)).getCallId());
        if (leg != null) {
            leg.response(event);
        }
    }

    /** An agent on this node accepted a callback: ring the agent, then the caller. */
    private void placeCallback(RoutingUpdate update) {
        Router.Interaction callback = router.interaction(update.interaction()).orElse(null);
        if (callback == null || !"CALLBACK".equals(callback.channel())) {
            return;
        }
        work.execute(() -> {
            var phone = phones.bindingOf(update.agent()).orElse(null);
            if (phone == null) {
                router.connectionFailed(callback.id(), "no phone signed in");
            } else if (!properties.placesCalls()) {
                router.callbackFailed(callback.id(), "no outbound trunk is configured (caseline.sip.outbound-proxy)");
            } else {
                new CallbackCall(host, router, callback, properties.outboundProxy(), InboundLeg.AGENT_RING_SECONDS).start(phone);
            }
        });
    }

    /** Routing's news about a call held here: an agent accepted it, it moved to another queue, it overflowed. */
    @org.springframework.context.event.EventListener
    void routingUpdate(RoutingUpdate update) {
        if (!router.node().equals(update.node())) {
            return;
        }
        if (update.callId() == null) {
            if (update.kind() == RoutingUpdate.Kind.ACCEPTED && running) {
                placeCallback(update);
            }
            return;
        }
        InboundLeg leg = legs.get(update.callId());
        if (leg != null && leg.call != null) {
            leg.call.routing(update);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            Request request = event.getClientTransaction().getRequest();
            OutboundLeg leg = host.placed(callId(request));
            if (leg != null && Request.INVITE.equals(request.getMethod())) {
                leg.fail("the phone did not respond");
            }
            return;
        }
        if (!event.isServerTransaction() || event.getServerTransaction() == null) {
            return;
        }
        Request request = event.getServerTransaction().getRequest();
        if (Request.INVITE.equals(request.getMethod())) {
            InboundLeg leg = legs.get(callId(request));
            if (leg != null && leg.call != null) {
                leg.call.callerHungUp("no ACK from caller");
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP transport error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        Dialog dialog = event.getDialog();
        if (dialog == null || dialog.getCallId() == null) {
            return;
        }
        InboundLeg leg = legs.get(dialog.getCallId().getCallId());
        if (leg != null && leg.dialog == dialog && leg.call != null) {
            leg.call.callerHungUp("dialog ended");
        }
        OutboundLeg placed = host.placed(dialog.getCallId().getCallId());
        if (placed != null && placed.dialog() == dialog) {
            placed.hungUp();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A call that came in is over: forgotten, and its slot given back. */
    private void forget(InboundLeg leg) {
        if (leg.call != null) {
            legs.remove(leg.call.id(), leg);
        }
        admission.release();
    }

    private static boolean isSdp(Request request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        return type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
    }

    /** The number dialed: the user part of a sip: URI, or a tel: URI's number; visual separators dropped. */
    static String dialedNumber(URI uri) {
        String user = uri instanceof SipURI sip ? sip.getUser()
                : uri instanceof TelURL tel ? tel.getPhoneNumber() : null;
        if (user == null) {
            return null;
        }
        int semicolon = user.indexOf(';');
        String number = (semicolon >= 0 ? user.substring(0, semicolon) : user).replaceAll("[-.()]", "");
        return number.matches("\\+?[0-9]{3,15}") ? number : null;
    }

    private static String caller(Request request) {
        URI uri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        String user = uri instanceof SipURI sip ? sip.getUser() : uri instanceof TelURL tel ? tel.getPhoneNumber() : null;
        return user == null ? "anonymous" : user;
    }
}
