/**
 * Agent desktop and supervisor wallboard: the web pages staff work in, kept live over WebSocket
 * from routing's updates, and the case panel, which shows a Tier 1 representative the public
 * status and a Tier 2 officer the case's full details once the caller's identity is verified,
 * every read audited; the inbox of written contacts, answered from the desk ({@code MessageDeskApi});
 * and the live chats the assistant handed over, up to three at once ({@code ChatDeskApi}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent desktop")
package org.caseline.agentdesk;
