package org.caseline.telephony;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The phone lines' SIP endpoint.
 *
 * @param enabled           answer SIP at all
 * @param port              UDP and TCP port for SIP
 * @param bindAddress       where to listen
 * @param advertisedAddress the address peers reach us at (SDP, Contact); empty: the bound address, else this
 *                          host's first non-loopback IPv4 address (see {@link #mediaAddress()})
 * @param rtpPortMin        first RTP port (even)
 * @param rtpPortMax        last RTP port
 * @param maxCalls          calls held at once; beyond it an INVITE is answered 503
 * @param maxNewCallsPerSecond new calls accepted per second (with a burst of as many); beyond it, 503
 * @param realTimeMedia     run the RTP pacer thread at real-time priority where the OS allows it
 * @param outboundProxy     host:port of the SIP trunk that calls to callers (callbacks) go through; empty: none
 */
@ConfigurationProperties("caseline.sip")
public record SipProperties(@DefaultValue("true") boolean enabled,
                            @DefaultValue("5060") int port,
                            @DefaultValue("0.0.0.0") String bindAddress,
                            @DefaultValue("") String advertisedAddress,
                            @DefaultValue("20000") int rtpPortMin,
                            @DefaultValue("39999") int rtpPortMax,
                            @DefaultValue("2000") int maxCalls,
                            @DefaultValue("600") int maxNewCallsPerSecond,
                            @DefaultValue("true") boolean realTimeMedia,
                            @DefaultValue("") String outboundProxy) {

    /**
     * The address peers send our calls' media and in-dialog requests to: the advertised address if
     * one is set, else the bound one, else this host's first non-loopback IPv4 address, else loopback.
     */
    public String mediaAddress() {
        if (advertisedAddress != null && !advertisedAddress.isBlank()) {
            return advertisedAddress;
        }
        if (!isWildcard(bindAddress)) {
            return bindAddress;
        }
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback it is
        }
        return "127.0.0.1";
    }

    /** Whether {@code address} means every local address (the default bind). */
    public static boolean isWildcard(String address) {
        return address == null || address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address);
    }

    /** Whether calls can be placed to callers, and so whether a callback may be promised. */
    public boolean placesCalls() {
        return enabled && outboundProxy != null && !outboundProxy.isBlank();
    }
}
