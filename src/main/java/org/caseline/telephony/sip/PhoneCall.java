package org.caseline.telephony.sip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.caseline.ivr.IvrService;
import org.caseline.ivr.PromptAudio;
import org.caseline.platform.Masking;
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
final class PhoneCall implements RtpStream.Listener {

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
    }

    enum Phase { SETTING_UP, ANSWERED, ENDED }

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
    // touched on the call's serial executor only
    private String language = "en";
    private boolean listening;
    private int listenTimeout;
    private long playback = -1;
    private ScheduledFuture<?> timer;
    private long timerGeneration;

    PhoneCall(String id, String dialed, String caller, String transport, String codec, IvrService ivr, PromptAudio audio,
              RtpEngine rtp, SerialExecutor events, ScheduledExecutorService timers, Signalling signalling) {
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
            finish();
        });
    }

    @Override
    public void digit(char key, String method) {
        if (phase != Phase.ANSWERED || ending) {
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

    /** The turn's prompts as audio; a transfer adds, until live agents exist, a kind word and goodbye. */
    private List<byte[]> render(IvrService.Turn turn) {
        String lang = turn.prompts().isEmpty() ? language : turn.prompts().getLast().language();
        List<IvrService.Spoken> prompts = new java.util.ArrayList<>(turn.prompts());
        if (turn.state() == IvrService.State.TRANSFERRED) {
            prompts.add(ivr.say("no-agent-available", lang));
            prompts.add(ivr.say("goodbye", lang));
        }
        List<byte[]> clips = new java.util.ArrayList<>(prompts.size());
        for (IvrService.Spoken spoken : prompts) {
            clips.add(audio.ulaw(spoken));
        }
        return clips;
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
        end("caseline");
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
            try {
                ivr.recordMedia(id, facts);
            } catch (RuntimeException e) {
                log.warn("The media facts of call {} were not recorded: {}", id, e.toString());
            }
            log.info("Call {} from {} ended by {}", id, Masking.phone(caller), hungUpBy);
        }
    }
}
