/**
 * Routing: every contact that needs a person becomes an interaction in a queue; agents (Tier 1
 * representatives, Tier 2 officers) with skills and states take them, fairly, one offer at a time.
 * The queue state lives in PostgreSQL. Calls are matched in memory on one node, elected with an
 * advisory lock ({@code MatcherElection}, {@code MemoryMatcher}), which writes its decisions in
 * batches, each only if its rows still hold (locked {@code FOR UPDATE SKIP LOCKED}); other nodes
 * forward their routing work to it, so any number of nodes route from one database without
 * offering an interaction twice. Each decision is logged with its reason, and every node hears of
 * changes through PostgreSQL {@code NOTIFY}.
 * {@code Router} is the facade; the rule itself is in {@code Matcher}, and each other part
 * (store, roster, queue rules, contacts, callbacks, hand-offs, sweep, figures, decision log) does one thing.
 * Written contacts ({@code Messages}) wait in written queues by the time they must be answered by,
 * and an agent holds several of them beside one call; near its deadline one is flagged, opened to
 * Tier 2 and taken back from an absent agent, and it is handed on (transferred, escalated) keeping
 * its deadline. Routing hears of them from messaging (contact messages, office mail) and accounts
 * (secure messages). Live chats ({@code Chats}) wait in chat queues like calls (hours, maximum
 * wait) and go to an available agent with room, connected at once: an agent takes one call or up
 * to their chat capacity of chats, never both.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing")
package org.caseline.routing;
