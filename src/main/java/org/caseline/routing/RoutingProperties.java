package org.caseline.routing;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.caseline.platform.LocalizedText;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people are reached: the queues, and the rules every queue shares.
 *
 * @param node                    this application node's name in routing (empty: host name and process id)
 * @param offerTimeout            how long an offer rings at an agent before it goes to the next one
 * @param missedOffersBeforeBreak offers an agent may let ring out in a row before being put on break
 * @param wrapUp                  after-call work time before the agent is available again
 * @param priorityStep            how much earlier in line one point of priority puts an interaction
 * @param escalationAhead         how far ahead of the Tier 2 line an escalated caller is placed
 * @param serviceLevel            answered within this wait counts as "in service level"
 * @param defaultHandleTime       the handle time assumed for wait estimates before a queue has history today
 * @param callbackAttempts        calls placed for one callback before it is given up (unanswered each time)
 * @param callbackRetryDelay      how long an unanswered callback waits before it is tried again
 * @param chatCapacity            the chats an agent takes at once (instead of a call), as wait estimates count them
 * @param tier1Skills             the skills a Tier 1 agent has until an administrator sets them
 * @param tier2Skills             the same for Tier 2
 * @param queues                  the queues
 */
@ConfigurationProperties("caseline.routing")
public record RoutingProperties(@DefaultValue("") String node,
                                @DefaultValue("20s") Duration offerTimeout,
                                @DefaultValue("2") int missedOffersBeforeBreak,
                                @DefaultValue("30s") Duration wrapUp,
                                @DefaultValue("60s") Duration priorityStep,
                                @DefaultValue("1h") Duration escalationAhead,
                                @DefaultValue("60s") Duration serviceLevel,
                                @DefaultValue("5m") Duration defaultHandleTime,
                                @DefaultValue("3") int callbackAttempts,
                                @DefaultValue("5m") Duration callbackRetryDelay,
                                @DefaultValue("3") int chatCapacity,
                                Set<String> tier1Skills,
                                Set<String> tier2Skills,
                                List<Queue> queues) {

    public RoutingProperties {
        tier1Skills = tier1Skills == null ? Set.of() : Set.copyOf(tier1Skills);
        tier2Skills = tier2Skills == null ? Set.of() : Set.copyOf(tier2Skills);
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    /**
     * One queue.
     *
     * @param id                 how flows and APIs name it ("general-en")
     * @param name               what staff see
     * @param line               the number of the line whose hours of live help the queue keeps
     * @param language           the language its callers speak
     * @param skills             what an agent must have to take its interactions
     * @param tier               1: Tier 1 answers; 2: only Tier 2 officers
     * @param widenToTier2After  a Tier 1 queue's interactions may go to Tier 2 after this wait (empty: never)
     * @param maxWait            the longest a caller waits before the overflow applies
     * @param overflow           at the maximum wait: "queue:{id}", "callback" or "message"
     * @param afterHours         when the queue is closed: "queue:{id}", "callback" or "message"
     * @param written            a queue of written contacts (messages): no line, no hours, no overflow;
     *                           each waits in order of the deadline it came with
     * @param atRiskBefore       a written contact this close to its deadline is at risk: flagged to
     *                           supervisors, open to Tier 2 as well, and taken back from an agent who is away
     * @param chat               a queue of live chats: it keeps its line's hours and maximum wait like calls,
     *                           and its chats go to agents with room for them (up to their chat capacity)
     */
    public record Queue(String id, LocalizedText name, String line, String language, Set<String> skills,
                        @DefaultValue("1") int tier, Duration widenToTier2After,
                        @DefaultValue("30m") Duration maxWait,
                        @DefaultValue("message") String overflow,
                        @DefaultValue("message") String afterHours,
                        @DefaultValue("false") boolean written,
                        @DefaultValue("6h") Duration atRiskBefore,
                        @DefaultValue("false") boolean chat) {
        public Queue {
            skills = skills == null ? Set.of() : Set.copyOf(skills);
        }
    }
}
