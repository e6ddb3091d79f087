package org.caseline.telephony.sip;

import java.time.Clock;
import java.util.concurrent.Semaphore;

import org.caseline.platform.RateLimiter;
import org.caseline.telephony.SipProperties;
import org.caseline.telephony.media.RtpEngine;

/**
 * Whether this node takes one more call: within its capacity (calls held at once), its rate of new
 * calls, and the media pacer keeping up. Beyond, the call is refused at once (503 with Retry-After)
 * so that the caller's proxy tries another node, rather than every call getting slow.
 */
final class Admission {

    private final RtpEngine rtp;
    private final RateLimiter newCalls;
    /** One per call the node may hold; taken when a call is admitted, given back when it is over. */
    private final Semaphore slots;

    Admission(SipProperties properties, RtpEngine rtp, Clock clock) {
        this.rtp = rtp;
        this.slots = new Semaphore(properties.maxCalls());
        this.newCalls = new RateLimiter(properties.maxNewCallsPerSecond(), properties.maxNewCallsPerSecond(), clock);
    }

    /** Takes a slot for a new call; false when the node is at capacity, over its rate, or its media is overloaded. */
    boolean admit() {
        return !rtp.overloaded() && newCalls.tryAcquire("invite").allowed() && slots.tryAcquire();
    }

    /** Gives back the slot of a call that is over (or was never set up). */
    void release() {
        slots.release();
    }
}
