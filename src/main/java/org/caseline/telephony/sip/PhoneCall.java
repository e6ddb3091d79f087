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

    /** How often a waiting caller hears where they stand. */
    static final long ANNOUNCE_EVERY_SECONDS = 30;
    /** Silence in the callback menu this long, and the caller is back to simply waiting. */
    static final long CALLBACK_MENU_SECONDS = 15;

    /** Where a waiting caller is in choosing a callback. */
    private enum CallbackStep { NONE, CONFIRM, ENTER }

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
    private CallbackStep callbackStep = CallbackStep.NONE;
    private final StringBuilder entered = new StringBuilder();
    private String callbackNumber;
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
            List<byte[]> first = render(turn);
            // answered before the 200 goes out: a key the caller presses the moment the call connects
            // (before this thread runs on) must count, not fall in the gap
            Phase before = phase;
            phase = Phase.ANSWERED;
            if (before == Phase.ENDED || !signalling.answer(this)) {
                phase = Phase.ENDED;
                hangUpInIvr(); // cancelled while the IVR was starting
                finish();
                return;
            }
            apply(turn, first);
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
        if (phase != Phase.ANSWERED || ending) {
            return;
        }
        if (stage == Stage.QUEUED && callbacksOffered) {
            digitMethods.add(method);
            stream.stopPlayback();
            events.execute(() -> waitingKey(key));
            return;
        }
        if (stage != Stage.IVR) {
            return;
        }
        digitMethods.add(method);
        stream.stopPlayback(); // barge-in
        pendingKeys.incrementAndGet();
        events.execute(() -> {
            pendingKeys.decrementAndGet();
            cancelTimer();
            if (phase == Phase.ANSWERED && !ending) {
                apply(ivr.keys(id, String.valueOf(key)));
            }
        });
    }

    @Override
    public void playbackFinished(long generation) {
        events.execute(() -> {
            if (generation != playback || phase != Phase.ANSWERED) {
                return;
            }
            if (ending) {
                hangUpOurselves();
            } else if (stage == Stage.QUEUED && callbackStep != CallbackStep.NONE) {
                callbackMenuTimeout();
            } else if (stage == Stage.QUEUED) {
                announceLater();
            } else if (listening) {
                armTimer();
            }
        });
    }

    private void apply(IvrService.Turn turn) {
        apply(turn, null);
    }

    /** Plays what the turn says ({@code rendered}, if already rendered), then listens or hangs up. */
    private void apply(IvrService.Turn turn, List<byte[]> rendered) {
        if (phase != Phase.ANSWERED) {
            return;
        }
        if (!turn.prompts().isEmpty()) {
            language = turn.prompts().getLast().language();
        }
        ending = turn.state() != IvrService.State.IN_PROGRESS;
        if (turn.state() == IvrService.State.TRANSFERRED && enqueue(turn)) {
            ending = false;
        }
        listening = turn.listenForKeys() > 0;
        listenTimeout = Math.max(1, turn.listenTimeoutSeconds());
        if (!ending && pendingKeys.get() > 0) {
            return; // the caller has already pressed on: what this turn says is not heard
        }
        List<byte[]> clips = rendered != null ? rendered : render(turn);
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

    /** The turn's prompts as audio; a transfer adds where the caller stands in line (or, if nobody can take the call, goodbye). */
    private List<byte[]> render(IvrService.Turn turn) {
        List<IvrService.Spoken> prompts = new java.util.ArrayList<>(turn.prompts());
        if (turn.state() == IvrService.State.TRANSFERRED) {
            if (stage == Stage.QUEUED) {
                prompts.addAll(whereInLine(false));
            } else {
                prompts.addAll(sorry());
            }
        }
        return audio(prompts);
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

    /** Puts the caller in line; false when nobody can take the call (the queue is closed or unknown). */
    private boolean enqueue(IvrService.Turn turn) {
        queue = turn.transferQueue();
        Map<String, String> attributes = new java.util.LinkedHashMap<>(
                turn.transferAttributes() == null ? Map.of() : turn.transferAttributes());
        String own = ownNumber();
        if (own != null && callbacksOffered) {
            attributes.put("callerNumber", own); // a queue whose overflow is a callback calls this number
        }
        try {
            Router.Interaction queued = router.enqueue(new Router.NewInteraction("VOICE", queue, 0, id, router.node(), attributes));
            if ("CALLBACK".equals(queued.channel())) {
                callbackInstead(queued.attributes().get("callbackNumber"));
                return true;
            }
            if ("OVERFLOWED".equals(queued.state())) {
                return false;
            }
            interaction = queued.id();
            stage = Stage.QUEUED;
            return true;
        } catch (RuntimeException e) {
            log.warn("Call {} could not be put in line for {}: {}", id, queue, e.toString());
            return false;
        }
    }

    /** "You are number 3 in line. Your estimated wait is about 6 minutes." (and "thank you for waiting" later) */
    private List<IvrService.Spoken> whereInLine(boolean again) {
        List<IvrService.Spoken> prompts = new java.util.ArrayList<>();
        if (again) {
            prompts.add(ivr.say("still-waiting", language));
        }
        try {
            Router.Wait wait = router.waitOf(interaction);
            // numbers up to a hundred are spoken from the shipped audio; beyond, the caller hears "more than"
            prompts.add(wait.position() > 100 ? ivr.say("queue-position-many", language)
                    : ivr.say("queue-position", language, Map.of("position", String.valueOf(wait.position()))));
            long minutes = Math.max(1, (wait.estimate().toSeconds() + 59) / 60);
            prompts.add(minutes <= 1 ? ivr.say("estimated-wait-minute", language)
                    : minutes > 60 ? ivr.say("estimated-wait-long", language)
                    : ivr.say("estimated-wait", language, Map.of("minutes", String.valueOf(minutes))));
            if (callbacksOffered) {
                prompts.add(ivr.say("callback-offer", language));
            }
        } catch (RuntimeException e) {
            log.debug("no wait figures for call {}: {}", id, e.toString());
        }
        return prompts;
    }

    /**
     * A key while waiting: 1 asks for a callback; the number is read back and confirmed with 1, or
     * another entered after 2 (ten digits, then the pound key); the caller keeps their place.
     */
    private void waitingKey(char key) {
        if (phase != Phase.ANSWERED || ending || stage != Stage.QUEUED) {
            return;
        }
        cancelTimer();
        switch (callbackStep) {
            case NONE -> {
                if (key != '1') {
                    announceLater();
                    return;
                }
                String own = ownNumber();
                if (own != null) {
                    confirm(own);
                } else {
                    enterNumber();
                }
            }
            case CONFIRM -> {
                if (key == '1') {
                    scheduleCallback();
                } else if (key == '2') {
                    enterNumber();
                } else {
                    confirm(callbackNumber);
                }
            }
            case ENTER -> {
                // ten digits, or eleven when the caller starts with the country code 1
                int full = entered.length() > 0 && entered.charAt(0) == '1' ? 11 : 10;
                if (Character.isDigit(key) && entered.length() < full) {
                    entered.append(key);
                }
                if (key == '*') {
                    enterNumber();
                } else if (key == '#' || entered.length() == full) {
                    java.util.Optional<PhoneNumber> number = PhoneNumber.parse(entered.toString());
                    if (number.isPresent()) {
                        confirm(number.get().digits());
                    } else { // too short, or no number a call can go to (an area code or exchange starting 0 or 1)
                        List<IvrService.Spoken> again = new java.util.ArrayList<>();
                        again.add(ivr.say("callback-invalid-number", language));
                        again.add(ivr.say("callback-enter-number", language));
                        entered.setLength(0);
                        playback = stream.play(audio(again));
                    }
                }
            }
        }
    }

    /** The caller's own number (its caller ID) as ten digits, when it is one a callback can go to; else null. */
    private String ownNumber() {
        return PhoneNumber.parse(caller).map(PhoneNumber::digits).orElse(null);
    }

    /** Nobody can answer in time: the caller is told they will be called back, and the call ends. */
    private void callbackInstead(String number) {
        cancelTimer();
        interaction = null; // a callback now, no longer this call's
        stage = Stage.QUEUED;
        ending = true;
        playback = stream.play(audio(List.of(ivr.say("callback-overflow", language,
                Map.of("number", IvrService.spell(number == null ? "" : number))))));
    }

    private void confirm(String number) {
        callbackStep = CallbackStep.CONFIRM;
        callbackNumber = number;
        playback = stream.play(audio(List.of(ivr.say("callback-confirm-number", language,
                Map.of("number", IvrService.spell(number))))));
    }

    private void enterNumber() {
        callbackStep = CallbackStep.ENTER;
        entered.setLength(0);
        playback = stream.play(audio(List.of(ivr.say("callback-enter-number", language))));
    }

    private void scheduleCallback() {
        callbackStep = CallbackStep.NONE;
        boolean scheduled;
        try {
            scheduled = router.toCallback(interaction, callbackNumber);
        } catch (RuntimeException e) {
            log.warn("Call {}: the callback was not scheduled: {}", id, e.toString());
            scheduled = false;
        }
        if (!scheduled) {
            playback = stream.play(audio(whereInLine(false)));
            return;
        }
        interaction = null; // it is a callback now, no longer this call's: hanging up does not abandon it
        ending = true;
        playback = stream.play(audio(List.of(ivr.say("callback-scheduled", language))));
    }

    private void callbackMenuTimeout() {
        cancelTimer();
        long generation = timerGeneration;
        timer = timers.schedule(() -> events.execute(() -> {
            if (generation == timerGeneration && phase == Phase.ANSWERED && stage == Stage.QUEUED && !ending) {
                timerGeneration++;
                callbackStep = CallbackStep.NONE;
                playback = stream.play(audio(whereInLine(true)));
            }
        }), CALLBACK_MENU_SECONDS, TimeUnit.SECONDS);
    }

    private void announceLater() {
        cancelTimer();
        long generation = timerGeneration;
        timer = timers.schedule(() -> events.execute(() -> {
            if (generation == timerGeneration && phase == Phase.ANSWERED && stage == Stage.QUEUED && !ending) {
                timerGeneration++;
                playback = stream.play(audio(whereInLine(true)));
            }
        }), ANNOUNCE_EVERY_SECONDS, TimeUnit.SECONDS);
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
                        stage = Stage.CONNECTING;
                        agent = update.agent();
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
                    List<IvrService.Spoken> prompts = new java.util.ArrayList<>();
                    prompts.add(ivr.say("transferring", language));
                    prompts.addAll(whereInLine(false));
                    playback = stream.play(audio(prompts));
                }
                case ENDED -> {
                    if (update.interaction().equals(interaction) && stage == Stage.QUEUED) {
                        // the wait passed its maximum: the queue's overflow is a callback or a message
                        Router.Interaction now = router.interaction(interaction).orElse(null);
                        if (now != null && "CALLBACK".equals(now.channel())) {
                            callbackInstead(now.attributes().get("callbackNumber"));
                            return;
                        }
                        cancelTimer();
                        interaction = null;
                        ending = true;
                        playback = stream.play(audio(sorry()));
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
            return now != null && "CONNECTED".equals(now.state()) && who.equals(now.agent());
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
            playback = stream.play(audio(whereInLine(true)));
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
            if (generation == timerGeneration && phase == Phase.ANSWERED && !ending && pendingKeys.get() == 0) {
                timerGeneration++;
                apply(ivr.noInput(id));
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
        rtp.close(stream);
        signalling.finished(this);
        if (hungUpBy != null) {
            Map<String, Object> facts = new LinkedHashMap<>();
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
