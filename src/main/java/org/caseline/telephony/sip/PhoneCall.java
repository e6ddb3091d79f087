package org.caseline.telephony.sip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.caseline.ivr.IvrService;
import org.caseline.ivr.PromptAudio;
import org.caseline.platform.Masking;
import org.caseline.platform.PhoneNumber;
import org.caseline.routing.InteractionState;
import org.caseline.routing.Router;
import org.caseline.routing.RoutingUpdate;
import org.caseline.telephony.media.RtpEngine;
import org.caseline.telephony.media.RtpStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone call driven through the IVR: the turn's prompts are played, a key interrupts them
 * (barge-in) and goes to the IVR, silence after a question becomes "no input", and when the
 * IVR is done the call is hung up. Events run one at a time, in order, on the call's own serial
 * executor; nothing here blocks the SIP stack or the media threads.
 */
final class PhoneCall implements RtpStream.Listener, OutboundLeg.Owner {

    private static final Logger log = LoggerFactory.getLogger(PhoneCall.class);

    /** What the call needs from SIP. */
    interface Signalling {
        /** Answers the INVITE (200 with our SDP). False if it can no longer be answered. */
        boolean answer(PhoneCall call);

        /** Refuses the INVITE before it was answered. */
        void refuse(PhoneCall call, int status, String reason);

        /** Ends the answered call from our side (BYE). */
        void bye(PhoneCall call);

        /** The call is over: forget it. */
        void finished(PhoneCall call);

        /**
         * Rings the agent's phone for this call; the outcome comes back as {@link #agentAnswered},
         * {@link #agentFailed} and, later, {@link #agentHungUp}.
         */
        void callAgent(PhoneCall call, String agent, UUID interaction);

        /**
         * Rings the agent's phone with the offer (the desk shows it at the same moment): answering it
         * accepts. False when the agent has no phone signed in, or it could not be rung: the desk alone has the offer.
         */
        boolean offerToAgentPhone(PhoneCall call, String agent, UUID interaction);

        /** Ends the agent's leg, if there is one (BYE, or CANCEL while it rings). */
        void releaseAgent(PhoneCall call);
    }

    enum Phase { SETTING_UP, ANSWERED, ENDED }

    /** Where the caller is once answered: in the IVR, waiting for a person, being connected, talking. */
    enum Stage { IVR, QUEUED, CONNECTING, BRIDGED }

    private final String id;
    private final String dialed;
    private final String caller;
    private final IvrService ivr;
    private final PromptAudio audio;
    private final RtpEngine rtp;
    private final RtpStream stream;
    private final SerialExecutor events;
    private final ScheduledExecutorService timers;
    private final Signalling signalling;
    private final String transport;
    private volatile String codec;

    private volatile Phase phase = Phase.SETTING_UP;
    private final Set<String> digitMethods = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingKeys = new AtomicInteger();
    private volatile boolean ending;
    private volatile String hungUpBy;
    private final Router router;
    private volatile Stage stage = Stage.IVR;
    private volatile UUID interaction;
    private volatile String agent;
    /** The agent whose phone rings with this call's offer, while it rings (touched on the serial executor only). */
    private String ringing;
    private String agentName;
    private volatile RtpStream agentStream;
    private long bridgedAtNanos;
    private long talkNanos;
    private long relayedToAgent;
    private long relayedToCaller;
    private String queue;
    /** Whether calls can be placed to callers here: only then is a callback offered. */
    private final boolean callbacksOffered;
    // touched on the call's serial executor only
    private String language = "en";
    private boolean listening;
    private int listenTimeout;
    private long playback = -1;
    private ScheduledFuture<?> timer;
    private long timerGeneration;

    PhoneCall(String id, String dialed, String caller, String transport, String codec, IvrService ivr, PromptAudio audio,
              RtpEngine rtp, SerialExecutor events, ScheduledExecutorService timers, Signalling signalling, Router router,
              boolean callbacksOffered) {
        this.router = router;
        this.callbacksOffered = callbacksOffered;
        this.id = id;
        this.dialed = dialed;
        this.caller = caller;
        this.transport = transport;
        this.codec = codec;
        this.ivr = ivr;
        this.audio = audio;
        this.rtp = rtp;
        this.events = events;
        this.timers = timers;
        this.signalling = signalling;
        this.stream = rtp.open(this);
        if (stream == null) {
            throw new IllegalStateException("no RTP port is free");
        }
    }

    String id() {
        return id;
    }

    /** The codec, once a late offer's answer names it. */
    void codec(String codec) {
        this.codec = codec;
    }

    RtpStream stream() {
        return stream;
    }

    String codec() {
        return codec;
    }

    /** Starts the IVR, then answers: the caller hears the first prompt as soon as the call connects. */
    void start() {
        events.execute(() -> {
            IvrService.Turn turn;
            try {
                turn = ivr.start(dialed, caller, "SIP", id);
            } catch (IvrService.UnknownLineException e) {
                end(null);
                signalling.refuse(this, 404, "No line has this number");
                return;
            } catch (RuntimeException e) {
                log.warn("Call {} could not start in the IVR: {}", id, e.toString());
                end(null);
                signalling.refuse(this, 503, "Service Unavailable");
                return;
            }
            // the first prompts are ready before the call is answered: the caller hears them at once
            IvrService.Turn first = settle(turn);
            List<byte[]> clips = audio(first.prompts());
            // answered before the 200 goes out: a key the caller presses the moment the call connects
            // (before this thread runs on) must count, not fall in the gap
            Phase before = phase;
            phase = Phase.ANSWERED;
            if (before == Phase.ENDED || !signalling.answer(this)) {
                phase = Phase.ENDED;
                hangUpInIvr(); // cancelled while the IVR was starting
                leaveRouting("caller hung up");
                finish();
                return;
            }
            apply(first, clips);
        });
    }

    /** The caller hung up (BYE), cancelled (CANCEL), or the dialog died. */
    void callerHungUp(String how) {
        if (phase == Phase.ENDED) {
            return;
        }
        boolean wasAnswered = phase == Phase.ANSWERED;
        end(how);
        events.execute(() -> {
            if (wasAnswered) {
                hangUpInIvr();
            }
            leaveRouting("caller hung up");
            finish();
        });
    }

    @Override
    public void digit(char key, String method) {
        if (phase != Phase.ANSWERED || ending || !conversing()) {
            return;
        }
        digitMethods.add(method);
        stream.stopPlayback(); // barge-in
        pendingKeys.incrementAndGet();
        events.execute(() -> {
            pendingKeys.decrementAndGet();
            cancelTimer();
            if (phase == Phase.ANSWERED && !ending && conversing()) {
                apply(conversation(() -> ivr.keys(id, String.valueOf(key))));
            }
        });
    }

    /** Whether a flow speaks with the caller now: the IVR, or the hold flow while they wait in line. */
    private boolean conversing() {
        return stage == Stage.IVR || stage == Stage.QUEUED;
    }

    @Override
    public void playbackFinished(long generation) {
        events.execute(() -> {
            if (generation != playback || phase != Phase.ANSWERED) {
                return;
            }
            if (ending) {
                hangUpOurselves();
            } else if (listening && conversing()) {
                armTimer();
            }
        });
    }

    private void apply(IvrService.Turn turn) {
        apply(turn, null);
    }

    /**
     * Plays what the turn says, then listens or hangs up. A turn given with its audio
     * ({@code rendered}) has been settled already (see {@link #settle}).
     */
    private void apply(IvrService.Turn given, List<byte[]> rendered) {
        if (given == null || phase != Phase.ANSWERED) {
            return;
        }
        IvrService.Turn turn = rendered != null ? given : settle(given);
        ending = turn.state() != IvrService.State.IN_PROGRESS;
        listening = turn.listenForKeys() > 0;
        listenTimeout = Math.max(1, turn.listenTimeoutSeconds());
        if (!ending && pendingKeys.get() > 0) {
            return; // the caller has already pressed on: what this turn says is not heard
        }
        List<byte[]> clips = rendered != null ? rendered : audio(turn.prompts());
        if (clips.isEmpty()) {
            if (ending) {
                hangUpOurselves();
            } else if (listening) {
                armTimer();
            }
            return;
        }
        playback = stream.play(clips);
    }

    /**
     * What the caller hears after a turn: a transfer puts them in line, where the hold flow speaks
     * on (or, if nobody can take the call, goodbye); a callback chosen while waiting goes to routing,
     * and if routing cannot schedule it the caller simply waits on.
     */
    private IvrService.Turn settle(IvrService.Turn turn) {
        if (!turn.prompts().isEmpty()) {
            language = turn.prompts().getLast().language();
        }
        if (turn.state() == IvrService.State.TRANSFERRED && stage == Stage.IVR) {
            List<IvrService.Spoken> prompts = new java.util.ArrayList<>(turn.prompts());
            IvrService.Turn next = putInLine(turn);
            prompts.addAll(next.prompts());
            return new IvrService.Turn(id, prompts, next.state(), next.outcome(), null, Map.of(), next.flow(), next.node(),
                    next.listenForKeys(), next.listenTimeoutSeconds(), null);
        }
        if (turn.state() == IvrService.State.CALLBACK_REQUESTED && stage == Stage.QUEUED && !scheduleCallback(turn.callbackNumber())) {
            return hold(IvrService.HoldEntry.IN_LINE);
        }
        return turn;
    }

    /** Prompts said outside any flow (goodbye, connecting), after which the call ends or waits for routing. */
    private IvrService.Turn said(List<IvrService.Spoken> prompts, boolean end) {
        return new IvrService.Turn(id, prompts, end ? IvrService.State.ENDED : IvrService.State.IN_PROGRESS, null, null,
                Map.of(), null, null, 0, 0, null);
    }

    /** The IVR's answer to an event; null when the conversation is over meanwhile (the caller left the line). */
    private IvrService.Turn conversation(java.util.function.Supplier<IvrService.Turn> event) {
        try {
            return event.get();
        } catch (IvrService.UnknownCallException e) {
            return null;
        }
    }

    private List<IvrService.Spoken> sorry() {
        return List.of(ivr.say("no-agent-available", language), ivr.say("goodbye", language));
    }

    private List<byte[]> audio(List<IvrService.Spoken> prompts) {
        List<byte[]> clips = new java.util.ArrayList<>(prompts.size());
        for (IvrService.Spoken spoken : prompts) {
            clips.add(audio.ulaw(spoken));
        }
        return clips;
    }

    // ---- waiting for a person, and talking to one ----------------------------------------------

    /**
     * Puts the caller in line: the hold flow's first words, or, when nobody can take the call
     * (the queue is closed or unknown), a callback at once or goodbye.
     */
    private IvrService.Turn putInLine(IvrService.Turn turn) {
        queue = turn.transferQueue();
        Map<String, String> attributes = new java.util.LinkedHashMap<>(
                turn.transferAttributes() == null ? Map.of() : turn.transferAttributes());
        String own = ownNumber();
        if (own != null && callbacksOffered) {
            attributes.put("callerNumber", own); // a queue whose overflow is a callback calls this number
        }
        Router.Interaction queued;
        try {
            queued = router.enqueue(new Router.NewInteraction("VOICE", queue, 0, id, router.node(), attributes));
        } catch (RuntimeException e) {
            log.warn("Call {} could not be put in line for {}: {}", id, queue, e.toString());
            return said(sorry(), true);
        }
        if ("CALLBACK".equals(queued.channel())) {
            return callbackInstead(queued.attributes().get("callbackNumber"));
        }
        if (queued.state() == InteractionState.OVERFLOWED) {
            return said(sorry(), true);
        }
        interaction = queued.id();
        stage = Stage.QUEUED;
        return hold(IvrService.HoldEntry.IN_LINE);
    }

    /** The hold flow, from {@code entry}; if it cannot run, the caller waits in silence, keeping their place. */
    private IvrService.Turn hold(IvrService.HoldEntry entry) {
        try {
            return ivr.hold(id, entry, language, waiting);
        } catch (RuntimeException e) {
            log.warn("Call {}: the hold flow did not start: {}", id, e.toString());
            return said(List.of(), false);
        }
    }

    /** What the hold flow asks of this call's wait. */
    private final IvrService.Waiting waiting = new IvrService.Waiting() {
        @Override
        public java.util.Optional<IvrService.Place> place() {
            UUID current = interaction;
            if (current == null) {
                return java.util.Optional.empty();
            }
            try {
                Router.Wait wait = router.waitOf(current);
                return java.util.Optional.of(new IvrService.Place(wait.position(), wait.estimate()));
            } catch (RuntimeException e) {
                log.debug("no wait figures for call {}: {}", id, e.toString());
                return java.util.Optional.empty();
            }
        }

        @Override
        public boolean callbackPossible() {
            return callbacksOffered;
        }
    };

    /** The caller leaves the line (a person is ready, the wait is over): the hold flow stops speaking. */
    private void leaveHold(String why) {
        try {
            ivr.leaveHold(id, why);
        } catch (RuntimeException e) {
            log.debug("call {} left the line: {}", id, e.toString());
        }
    }

    /** The caller's own number (its caller ID) as ten digits, when it is one a callback can go to; else null. */
    private String ownNumber() {
        return PhoneNumber.parse(caller).map(PhoneNumber::digits).orElse(null);
    }

    /** Nobody can answer in time: the caller is told they will be called back, and the call ends. */
    private IvrService.Turn callbackInstead(String number) {
        cancelTimer();
        interaction = null; // a callback now, no longer this call's
        return said(List.of(ivr.say("callback-overflow", language,
                Map.of("number", IvrService.spell(number == null ? "" : number)))), true);
    }

    /** The caller chose a callback while waiting: it keeps their place. False if routing could not schedule it. */
    private boolean scheduleCallback(String number) {
        try {
            if (number != null && router.toCallback(interaction, number)) {
                interaction = null; // it is a callback now, no longer this call's: hanging up does not abandon it
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Call {}: the callback was not scheduled: {}", id, e.toString());
        }
        return false;
    }

    /** What routing decided about this call's interaction, heard from any node. */
    void routing(RoutingUpdate update) {
        events.execute(() -> {
            if (phase != Phase.ANSWERED || ending || interaction == null) {
                return;
            }
            switch (update.kind()) {
                case OFFERED -> {
                    // the agent's phone rings as the desk shows the offer; its answer accepts (see agentAnswered)
                    if (update.interaction().equals(interaction) && stage == Stage.QUEUED && ringing == null
                            && signalling.offerToAgentPhone(this, update.agent(), interaction)) {
                        ringing = update.agent();
                        log.info("Call {}: agent {}'s phone rings with the offer", id, ringing);
                    }
                }
                case OFFER_WITHDRAWN -> {
                    // rejected at the desk, rung out: the phone stops ringing
                    if (update.interaction().equals(interaction) && stage == Stage.QUEUED && update.agent().equals(ringing)) {
                        log.info("Call {}: the offer to {} was withdrawn; the phone stops ringing", id, ringing);
                        ringing = null;
                        signalling.releaseAgent(this);
                    }
                }
                case ACCEPTED -> {
                    if (update.interaction().equals(interaction) && stage == Stage.QUEUED) {
                        cancelTimer();
                        leaveHold("a representative accepted");
                        stage = Stage.CONNECTING;
                        agent = update.agent();
                        listening = false;
                        playback = stream.play(audio(List.of(ivr.say("connecting-agent", language))));
                        if (agent.equals(ringing)) {
                            ringing = null; // accepted at the desk while the phone rings: its answer connects them
                        } else {
                            if (ringing != null) {
                                ringing = null;
                                signalling.releaseAgent(this);
                            }
                            signalling.callAgent(this, agent, interaction);
                        }
                    }
                }
                case REQUEUED -> {
                    if (update.interaction().equals(interaction)) {
                        return; // back in line after the agent's phone failed: already told, already waiting
                    }
                    // escalated or transferred: the caller waits again, in the new line
                    endBridge();
                    signalling.releaseAgent(this);
                    interaction = update.interaction();
                    stage = Stage.QUEUED;
                    apply(hold(IvrService.HoldEntry.MOVED));
                }
                case ENDED -> {
                    if (update.interaction().equals(interaction) && stage == Stage.QUEUED) {
                        // the wait passed its maximum: the queue's overflow is a callback or a message
                        cancelTimer();
                        leaveHold("the wait passed its maximum");
                        Router.Interaction now = router.interaction(interaction).orElse(null);
                        if (now != null && "CALLBACK".equals(now.channel())) {
                            apply(callbackInstead(now.attributes().get("callbackNumber")));
                            return;
                        }
                        interaction = null;
                        apply(said(sorry(), true));
                    }
                }
                default -> {
                }
            }
        });
    }

    @Override
    public void answered(OutboundLeg leg, RtpStream agentSide) {
        agentAnswered(agentSide);
    }

    @Override
    public void failed(OutboundLeg leg, String why) {
        agentFailed(why, leg.declined());
    }

    @Override
    public void hungUp(OutboundLeg leg) {
        agentHungUp();
    }

    /** The agent's phone answered: the two are bridged (answering an offer that rang on the phone accepts it). */
    private void agentAnswered(RtpStream agentSide) {
        events.execute(() -> {
            if (phase == Phase.ANSWERED && !ending && stage == Stage.QUEUED && ringing != null) {
                String who = ringing;
                ringing = null;
                if (!acceptedOnThePhone(who)) {
                    signalling.releaseAgent(this);
                    return;
                }
                cancelTimer();
                leaveHold("answered on the agent's phone");
                agent = who;
                stage = Stage.CONNECTING;
            }
            if (phase != Phase.ANSWERED || stage != Stage.CONNECTING) {
                signalling.releaseAgent(this);
                return;
            }
            agentStream = agentSide;
            agentName = agent;
            stage = Stage.BRIDGED;
            bridgedAtNanos = System.nanoTime();
            RtpStream.bridge(stream, agentSide);
            log.info("Call {} bridged to agent {}", id, agent);
            try {
                router.bridged(interaction, agent);
            } catch (RuntimeException e) {
                log.debug("bridge not logged: {}", e.toString());
            }
        });
    }

    /**
     * The agent answered the offer on the phone: routing is told. True when the contact is now the
     * agent's (also when the desk's Accept got there first); false when the offer had gone meanwhile.
     */
    private boolean acceptedOnThePhone(String who) {
        UUID current = interaction;
        try {
            router.accept(who, current, "answered on the phone");
            return true;
        } catch (Router.ConflictException e) {
            Router.Interaction now = router.interaction(current).orElse(null);
            return now != null && now.state() == InteractionState.CONNECTED && who.equals(now.agent());
        } catch (RuntimeException e) {
            log.warn("Call {}: the answer on agent {}'s phone was not recorded: {}", id, who, e.toString());
            return false;
        }
    }

    /**
     * The agent's phone could not be reached: the caller goes back in line, at their place. While it
     * rang with the offer, a decline on the phone (486, 603) rejects the offer; any other failure
     * leaves the offer on the desk, where it is accepted, rejected or rings out as without a phone.
     */
    private void agentFailed(String why, boolean declined) {
        events.execute(() -> {
            if (phase == Phase.ANSWERED && stage == Stage.QUEUED && ringing != null) {
                String who = ringing;
                ringing = null;
                if (declined) {
                    try {
                        router.reject(who, interaction, "declined on the agent's phone (" + why + ")");
                    } catch (Router.ConflictException e) {
                        // the offer had already gone (rung out, rejected at the desk)
                    } catch (RuntimeException e) {
                        log.warn("Call {}: the decline on agent {}'s phone was not recorded: {}", id, who, e.toString());
                    }
                } else {
                    log.info("Call {}: agent {}'s phone not reached with the offer ({}); the desk has it", id, who, why);
                }
                return;
            }
            if (phase != Phase.ANSWERED || stage != Stage.CONNECTING) {
                return;
            }
            log.info("Call {}: agent {}'s phone not reached ({})", id, agent, why);
            stage = Stage.QUEUED;
            UUID current = interaction;
            agent = null;
            try {
                router.connectionFailed(current, why);
            } catch (RuntimeException e) {
                log.warn("Call {}: routing not told of the failed connection: {}", id, e.toString());
            }
            apply(hold(IvrService.HoldEntry.BACK_IN_LINE));
        });
    }

    /** The agent hung up: the conversation is over; the caller hears goodbye. */
    private void agentHungUp() {
        events.execute(() -> {
            if (phase != Phase.ANSWERED || stage != Stage.BRIDGED) {
                return;
            }
            hungUpBy = "agent";
            leaveRouting("agent hung up");
            ending = true;
            listening = false;
            playback = stream.play(audio(List.of(ivr.say("goodbye", language))));
        });
    }

    private void endBridge() {
        if (agentStream != null) {
            stream.unbridge();
            relayedToCaller = stream.packetsRelayed();
            relayedToAgent += agentStream.packetsRelayed();
            talkNanos += System.nanoTime() - bridgedAtNanos;
            agentStream = null;
        }
    }

    /** Tells routing the contact is over (waiting: abandoned; talking: the agent wraps up). */
    private void leaveRouting(String how) {
        endBridge();
        ringing = null;
        signalling.releaseAgent(this);
        UUID current = interaction;
        interaction = null;
        if (current != null) {
            try {
                router.contactEnded(current, how);
            } catch (RuntimeException e) {
                log.warn("Call {}: routing not told that the contact ended: {}", id, e.toString());
            }
        }
    }

    private void armTimer() {
        cancelTimer();
        long generation = timerGeneration;
        timer = timers.schedule(() -> events.execute(() -> {
            if (generation == timerGeneration && phase == Phase.ANSWERED && !ending && pendingKeys.get() == 0 && conversing()) {
                timerGeneration++;
                apply(conversation(() -> ivr.noInput(id)));
            }
        }), listenTimeout, TimeUnit.SECONDS);
    }

    private void cancelTimer() {
        timerGeneration++;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void hangUpOurselves() {
        if (phase == Phase.ENDED) {
            return;
        }
        leaveRouting("caseline hung up");
        end(hungUpBy != null ? hungUpBy : "caseline");
        signalling.bye(this);
        finish();
    }

    private void hangUpInIvr() {
        try {
            ivr.hangUp(id);
        } catch (IvrService.UnknownCallException e) {
            // the IVR had already ended it
        }
    }

    private void end(String by) {
        phase = Phase.ENDED;
        hungUpBy = by;
    }

    private void finish() {
        cancelTimer();
        if (stage != Stage.IVR) {
            leaveHold("the call ended");
        }
        rtp.close(stream);
        signalling.finished(this);
        if (hungUpBy != null) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("node", router.node()); // behind a dispatcher, which node held the call
            facts.put("transport", transport);
            facts.put("codec", codec);
            facts.put("digitMethods", List.copyOf(new java.util.TreeSet<>(digitMethods)));
            facts.put("packetsSent", stream.packetsSent());
            facts.put("packetsReceived", stream.packetsReceived());
            facts.put("hungUpBy", hungUpBy);
            if (queue != null) {
                facts.put("queue", queue);
            }
            if (talkNanos > 0 || relayedToAgent > 0) {
                facts.put("agent", agentName);
                facts.put("talkSeconds", TimeUnit.NANOSECONDS.toSeconds(talkNanos));
                facts.put("packetsRelayedToAgent", relayedToAgent);
                facts.put("packetsRelayedToCaller", relayedToCaller);
            }
            try {
                ivr.recordMedia(id, facts);
            } catch (RuntimeException e) {
                log.warn("The media facts of call {} were not recorded: {}", id, e.toString());
            }
            log.info("Call {} from {} ended by {}", id, Masking.phone(caller), hungUpBy);
        }
    }
}
