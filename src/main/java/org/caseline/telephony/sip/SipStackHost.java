package org.caseline.telephony.sip;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.caseline.telephony.SipProperties;
import org.caseline.telephony.media.RtpEngine;

/**
 * The SIP core: the JAIN-SIP stack on UDP and TCP, its factories, the address our SIP and media
 * are reached at, sending responses, and the calls we placed, by Call-ID. Every leg (the calls
 * that come in, the calls we place, the phones that sign in) is built on this, not on the endpoint
 * that dispatches requests to them.
 */
final class SipStackHost {

    private final SipProperties properties;
    private final RtpEngine rtp;
    private final String advertised;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("call-timers").daemon().factory());
    /** The calls we placed (to agents' phones, to callers called back), by their Call-ID. */
    private final Map<String, OutboundLeg> placed = new ConcurrentHashMap<>();

    private SipStack stack;
    private SipProvider udp;
    private SipProvider tcp;
    private HeaderFactory headers;
    private MessageFactory messages;
    private AddressFactory addresses;

    SipStackHost(SipProperties properties, RtpEngine rtp) {
        this.properties = properties;
        this.rtp = rtp;
        this.advertised = properties.mediaAddress();
    }

    /** Starts the stack on the configured port, UDP and TCP, with {@code listener} hearing every event. */
    void start(SipListener listener) throws Exception {
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
        udp.addSipListener(listener);
        tcp.addSipListener(listener);
        stack.start();
    }

    void stop() {
        stack.stop();
        timers.shutdownNow();
    }

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

    SipProvider providerFor(String transport) {
        return "TCP".equals(transport) ? tcp : udp;
    }

    /** "TCP" or "UDP": the transport a request came by. */
    String transportOf(SipProvider provider) {
        return provider == tcp ? "TCP" : "UDP";
    }

    /** Where our SIP and media are reached (SDP c= line, Via, Contact). */
    String advertised() {
        return advertised;
    }

    int port() {
        return properties.port();
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** The call we placed with this Call-ID, if any. */
    OutboundLeg placed(String callId) {
        return placed.get(callId);
    }

    void placing(String callId, OutboundLeg leg) {
        placed.put(callId, leg);
    }

    /** Forgets the placed call once the last retransmissions for it are over (32 s: RFC 3261 Timer B). */
    void forgetLater(String callId, OutboundLeg leg) {
        timers.schedule(() -> placed.remove(callId, leg), 32, TimeUnit.SECONDS);
    }

    ContactHeader contact(String transport) throws Exception {
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

    /** The request's server transaction; null when it is a retransmission the stack already handles. */
    ServerTransaction transaction(RequestEvent event, SipProvider provider) throws Exception {
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

    /** Sends a response in the request's transaction; a final one without a To tag gets one. */
    void respond(RequestEvent event, SipProvider provider, Response response) throws Exception {
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
}
