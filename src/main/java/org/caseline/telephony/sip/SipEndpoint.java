package org.caseline.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.caseline.accounts.StaffAccounts;
import org.caseline.ivr.IvrService;
import org.caseline.ivr.Lines;
import org.caseline.ivr.PromptAudio;
import org.caseline.platform.RateLimiter;
import org.caseline.routing.Router;
import org.caseline.routing.RoutingUpdate;
import org.caseline.telephony.AgentPhones;
import org.caseline.telephony.SipProperties;
import org.caseline.telephony.media.RtpEngine;
import org.caseline.telephony.media.RtpStream;
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
    /** How long an agent's phone rings before the call goes back in line. */
    private static final int AGENT_RING_SECONDS = 20;
    private static final int RETRY_AFTER_SECONDS = 5;
    /** An offer rings on the agent's phone this much longer than routing's offer timeout, which ends it. */
    private static final int OFFER_RING_GRACE_SECONDS = 5;

    /** A call and the SIP state that belongs to it. */
    private final class Leg implements PhoneCall.Signalling {
        final ServerTransaction invite;
        final String toTag;
        final String transport;
        volatile Sdp.Offer offer;
        volatile Dialog dialog;
        volatile PhoneCall call;
        volatile boolean answered;
        volatile OutboundLeg agentLeg;
        final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        /** Our SDP's version: one more with each answer we give in the dialog (RFC 4566 o= line). */
        final java.util.concurrent.atomic.AtomicLong sdpVersion = new java.util.concurrent.atomic.AtomicLong(1);
        final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

        Leg(ServerTransaction invite, String toTag, String transport, Sdp.Offer offer) {
            this.invite = invite;
            this.toTag = toTag;
            this.transport = transport;
            this.offer = offer;
        }

        @Override
        public synchronized boolean answer(PhoneCall call) {
            if (invite.getState() != TransactionState.PROCEEDING && invite.getState() != TransactionState.TRYING) {
                return false;
            }
            try {
                Response ok = response(Response.OK, invite.getRequest());
                ok.setContent(offer == null
                        ? Sdp.offer(advertised, call.stream().localPort(), sessionId, sdpVersion.get())
                        : Sdp.answer(offer, advertised, call.stream().localPort(), sessionId, sdpVersion.get(), false), sdpType());
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
                    r.setHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
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
                ClientTransaction ct = providerFor(transport).getNewClientTransaction(bye);
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
            String contact = phones.contactOf(agent).orElse(null);
            if (contact == null) {
                return "no phone signed in";
            }
            try {
                OutboundLeg leg = new OutboundLeg(SipEndpoint.this, call, agent, "caseline", "CaseLine", interaction,
                        ringSeconds).autoAnswer(autoAnswer);
                agentLeg = leg;
                leg.invite(contact);
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
            legs.remove(call.id(), this);
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }

        Response response(int status, Request request) throws Exception {
            Response r = messages.createResponse(status, request);
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
            r.setHeader(contact(transport));
            return r;
        }
    }

    private final SipProperties properties;
    private final Lines lines;
    private final IvrService ivr;
    private final PromptAudio audio;
    private final RtpEngine rtp;
    private final RateLimiter newCalls;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    /** The calls we placed (to agents' phones, to callers called back), by their Call-ID. */
    private final Map<String, OutboundLeg> outboundLegs = new ConcurrentHashMap<>();
    private final Router router;
    private final AgentPhones phones;
    private final Registrar registrar;
    /** One per call the node may hold; taken when an INVITE is accepted, given back when the call is over. */
    private final Semaphore slots;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("call-timers").daemon().factory());
    private final String advertised;
    /**
     * Runs on the answering thread right after a call's 200 went out, with the call's id: nothing in
     * production; a test holds the thread here to be the peer that acts on the 200 at once.
     */
    volatile java.util.function.Consumer<String> afterAnswerSent = callId -> {
    };

    private SipStack stack;
    private SipProvider udp;
    private SipProvider tcp;
    private HeaderFactory headers;
    private MessageFactory messages;
    private AddressFactory addresses;
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
        this.slots = new Semaphore(properties.maxCalls());
        this.newCalls = new RateLimiter(properties.maxNewCallsPerSecond(), properties.maxNewCallsPerSecond(), clock);
        this.advertised = properties.mediaAddress();
    }

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "caseline-" + properties.port());
            p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLogger.class.getName());
            p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLogger.class.getName());
            p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", GatedNetworkLayer.class.getName());
            p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
            p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
            // the stack reads each UDP datagram into a buffer of this size: SIP over UDP stays well under it
            p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "16384");
            p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
            p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(4 << 20));
            p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", String.valueOf(4 << 20));
            p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "100000");
            p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "100000");
            stack = factory.createSipStack(p);
            headers = factory.createHeaderFactory();
            messages = factory.createMessageFactory();
            addresses = factory.createAddressFactory();
            ListeningPoint udpPoint = stack.createListeningPoint(properties.bindAddress(), properties.port(), ListeningPoint.UDP);
            ListeningPoint tcpPoint = stack.createListeningPoint(properties.bindAddress(), properties.port(), ListeningPoint.TCP);
            udp = stack.createSipProvider(udpPoint);
            tcp = stack.createSipProvider(tcpPoint);
            udp.addSipListener(this);
            tcp.addSipListener(this);
            stack.start();
            running = true;
            log.info("SIP on port {} (UDP and TCP), media at {}", properties.port(), advertised);
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
        for (Leg leg : List.copyOf(legs.values())) {
            if (leg.call != null) {
                leg.bye(leg.call);
                leg.call.callerHungUp("shutdown");
            }
        }
        stack.stop();
        timers.shutdownNow();
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
                case Request.REGISTER -> respond(event, provider, registrar.register(request, messages, headers));
                default -> {
                    Response r = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
                    r.setHeader(headers.createAllowHeader(ALLOW));
                    respond(event, provider, r);
                }
            }
        } catch (Exception e) {
            log.warn("{} not handled: {}", request.getMethod(), e.toString());
            try {
                respond(event, provider, messages.createResponse(Response.SERVER_INTERNAL_ERROR, request));
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
        Leg existing = legs.get(callId);
        if (toTag != null && outboundLegs.get(callId) instanceof OutboundLeg placed) {
            reInvitePlaced(event, provider, placed);
            return;
        }
        if (toTag != null) {
            if (existing == null || !existing.answered) {
                respond(event, provider, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            } else {
                reInvite(event, provider, existing);
            }
            return;
        }
        if (existing != null) {
            // the same INVITE by another path (RFC 3261 8.2.2.2), or a new one reusing a live Call-ID
            respond(event, provider, messages.createResponse(Response.LOOP_DETECTED, request));
            return;
        }
        String number = dialedNumber(request.getRequestURI());
        if (number == null || lines.byNumber(number).isEmpty()) {
            Response r = messages.createResponse(Response.NOT_FOUND, request);
            r.setReasonPhrase("No line has this number");
            respond(event, provider, r);
            return;
        }
        Sdp.Offer offer = null; // none: a late offer, we offer in the 200 and the caller answers in the ACK
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            try {
                offer = Sdp.parse(isSdp(request) ? body : null);
            } catch (Sdp.UnusableOfferException e) {
                respond(event, provider, notAcceptable(request, e));
                return;
            }
        }
        if (rtp.overloaded() || !newCalls.tryAcquire("invite").allowed() || !slots.tryAcquire()) {
            // beyond capacity: say so at once, so the caller's proxy tries another node, rather than slow every call
            Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.setHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
            respond(event, provider, busy);
            return;
        }
        ServerTransaction transaction;
        try {
            transaction = transaction(event, provider);
        } catch (Exception e) {
            slots.release();
            throw e;
        }
        if (transaction == null) {
            slots.release();
            return;
        }
        String transport = provider == tcp ? "TCP" : "UDP";
        Leg leg = new Leg(transaction, Long.toHexString(ThreadLocalRandom.current().nextLong()), transport, offer);
        PhoneCall call;
        try {
            call = new PhoneCall(callId, number, caller(request), transport, offer == null ? null : offer.codec(), ivr,
                    audio, rtp, new SerialExecutor(work), timers, leg, router, properties.placesCalls());
        } catch (IllegalStateException e) {
            slots.release();
            Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.setHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
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
        Leg leg = legs.get(callId(request));
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
    private void reInvite(RequestEvent event, SipProvider provider, Leg leg) throws Exception {
        ServerTransaction transaction = transaction(event, provider);
        Sdp.Offer offer = reOffer(event.getRequest(), transaction);
        if (offer == null) {
            return;
        }
        leg.offer = offer;
        leg.call.stream().configure(offer.remote(), offer.payloadType(), offer.telephoneEventType(), !offer.onHold());
        Response ok = leg.response(Response.OK, event.getRequest());
        ok.setContent(Sdp.answer(offer, advertised, leg.call.stream().localPort(), leg.sessionId,
                leg.sdpVersion.incrementAndGet(), false), sdpType());
        transaction.sendResponse(ok);
    }

    /** A re-INVITE from a phone we called (an agent putting the caller on hold, say): follow it. */
    private void reInvitePlaced(RequestEvent event, SipProvider provider, OutboundLeg placed) throws Exception {
        ServerTransaction transaction = transaction(event, provider);
        Sdp.Offer offer = reOffer(event.getRequest(), transaction);
        if (offer == null) {
            return;
        }
        byte[] answer = placed.reOffered(offer);
        Response response = messages.createResponse(answer == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK,
                event.getRequest());
        if (answer != null) {
            response.setHeader(contact(provider == tcp ? "TCP" : "UDP"));
            response.setContent(answer, sdpType());
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
    private Leg legOrNotFound(RequestEvent event, SipProvider provider) throws Exception {
        Leg leg = legs.get(callId(event.getRequest()));
        if (leg == null) {
            respond(event, provider, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, event.getRequest()));
        }
        return leg;
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** 488 with a Warning that says what is wrong with the offer. */
    private Response notAcceptable(Request request, Sdp.UnusableOfferException e) throws Exception {
        Response r = messages.createResponse(Response.NOT_ACCEPTABLE_HERE, request);
        r.setHeader(headers.createWarningHeader(advertised, 305, "Incompatible media format: " + e.getMessage()));
        return r;
    }

    private void bye(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        OutboundLeg placed = outboundLegs.get(callId(request));
        if (placed != null) {
            respond(event, provider, messages.createResponse(Response.OK, request));
            placed.hungUp();
            return;
        }
        Leg leg = legOrNotFound(event, provider);
        if (leg == null) {
            return;
        }
        respond(event, provider, messages.createResponse(Response.OK, request));
        leg.call.callerHungUp("caller");
    }

    private void cancel(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        Leg leg = legOrNotFound(event, provider);
        if (leg == null) {
            return;
        }
        respond(event, provider, messages.createResponse(Response.OK, request));
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
        Response ok = messages.createResponse(Response.OK, request);
        ok.setHeader(headers.createAllowHeader(ALLOW));
        ok.setHeader(headers.createAcceptHeader("application", "sdp"));
        ok.setHeader(headers.createAcceptLanguageHeader(java.util.Locale.ENGLISH));
        ok.setHeader(contact(provider == tcp ? "TCP" : "UDP"));
        respond(event, provider, ok);
    }

    /** Keypad digits in SIP INFO (see {@link InfoDigits}). */
    private void info(RequestEvent event, SipProvider provider) throws Exception {
        Request request = event.getRequest();
        Leg leg = legOrNotFound(event, provider);
        if (leg == null) {
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] raw = request.getRawContent();
        InfoDigits.Reading reading = InfoDigits.read(type == null ? null : type.getContentType() + "/" + type.getContentSubType(),
                raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
        if (reading instanceof InfoDigits.UnsupportedType) {
            Response r = messages.createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request);
            r.setHeader(headers.createAcceptHeader("application", "dtmf-relay"));
            r.addHeader(headers.createAcceptHeader("application", "dtmf"));
            respond(event, provider, r);
            return;
        }
        respond(event, provider, messages.createResponse(Response.OK, request));
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
        Response r = messages.createResponse(Response.BAD_EXTENSION, request);
        while (required.hasNext()) {
            r.addHeader(headers.createUnsupportedHeader(((RequireHeader) required.next()).getOptionTag()));
        }
        respond(event, provider, r);
        return true;
    }

    // ---- other events ----------------------------------------------------------------------

    @Override
    public void processResponse(ResponseEvent event) {
        var cseq = (javax.sip.header.CSeqHeader) event.getResponse().getHeader(javax.sip.header.CSeqHeader.NAME);
        if (cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return; // responses to our BYEs and CANCELs: nothing follows from them
        }
        OutboundLeg leg = outboundLegs.get(((CallIdHeader) event.getResponse().getHeader(CallIdHeader.NAME)).getCallId());
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
            String contact = phones.contactOf(update.agent()).orElse(null);
            if (contact == null) {
                router.connectionFailed(callback.id(), "no phone signed in");
            } else if (!properties.placesCalls()) {
                router.callbackFailed(callback.id(), "no outbound trunk is configured (caseline.sip.outbound-proxy)");
            } else {
                new CallbackCall(this, router, callback, properties.outboundProxy(), AGENT_RING_SECONDS).start(contact);
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
        Leg leg = legs.get(update.callId());
        if (leg != null && leg.call != null) {
            leg.call.routing(update);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            Request request = event.getClientTransaction().getRequest();
            OutboundLeg leg = outboundLegs.get(callId(request));
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
            Leg leg = legs.get(callId(request));
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
        Leg leg = legs.get(dialog.getCallId().getCallId());
        if (leg != null && leg.dialog == dialog && leg.call != null) {
            leg.call.callerHungUp("dialog ended");
        }
        OutboundLeg placed = outboundLegs.get(dialog.getCallId().getCallId());
        if (placed != null && placed.dialog() == dialog) {
            placed.hungUp();
        }
    }

    // ---- for the legs we place ---------------------------------------------------------------

    RtpEngine rtp() {
        return rtp;
    }

    AddressFactory addresses() {
        return addresses;
    }

    HeaderFactory headers() {
        return headers;
    }

    MessageFactory messages() {
        return messages;
    }

    SipProvider udp() {
        return udp;
    }

    SipProvider tcp() {
        return tcp;
    }

    String advertised() {
        return advertised;
    }

    int port() {
        return properties.port();
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    Map<String, OutboundLeg> outboundLegs() {
        return outboundLegs;
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** The request's server transaction; null when it is a retransmission the stack already handles. */
    private ServerTransaction transaction(RequestEvent event, SipProvider provider) throws Exception {
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction != null) {
            return transaction;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    private void respond(RequestEvent event, SipProvider provider, Response response) throws Exception {
        ServerTransaction transaction = transaction(event, provider);
        if (transaction != null) {
            if (response.getStatusCode() >= 200 && response.getStatusCode() != 100
                    && ((ToHeader) response.getHeader(ToHeader.NAME)).getTag() == null
                    && !Request.CANCEL.equals(event.getRequest().getMethod())) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            transaction.sendResponse(response);
        }
    }

    private SipProvider providerFor(String transport) {
        return "TCP".equals(transport) ? tcp : udp;
    }

    javax.sip.header.ContactHeader contact(String transport) throws Exception {
        SipURI uri = addresses.createSipURI("caseline", advertised);
        uri.setPort(properties.port());
        if ("TCP".equals(transport)) {
            uri.setTransportParam("tcp");
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    ContentTypeHeader sdpType() throws Exception {
        return headers.createContentTypeHeader("application", "sdp");
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
