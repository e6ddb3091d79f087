/**
 * The virtual assistant and live chat. The assistant answers a visitor's question from the
 * agency's own knowledge (short articles in English and Spanish, kept by administrators in
 * versions), with facts that live elsewhere filled in when it answers (lines, hours, offices,
 * filing addresses, public case status); it refuses legal advice and never says more about a case
 * than the public status page does. A visitor who asks for a person is handed, with the whole
 * conversation, to a Tier 1 agent in live chat through routing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistant and live chat")
package org.caseline.assistant;
