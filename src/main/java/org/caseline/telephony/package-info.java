/**
 * Telephony: real phone calls. A SIP user agent (JAIN-SIP) answers the lines' numbers, an RTP
 * layer of our own plays prompts and hears keypad digits (RFC 4733, SIP INFO, in-band tones),
 * and each call is driven through {@link org.caseline.ivr.IvrService} like any other driver.
 * In {@code sip}: the SIP core ({@code SipStackHost}, {@code Admission}), the endpoint that
 * dispatches requests, and the legs built on the core ({@code InboundLeg}, {@code OutboundLeg},
 * {@code CallbackCall}, {@code Registrar}); {@code PhoneCall} plays, listens and bridges.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Telephony")
package org.caseline.telephony;
