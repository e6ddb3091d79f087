package org.caseline.telephony.sip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of SDP (RFC 4566) and offer/answer (RFC 3264) a voice IVR needs: find the audio
 * stream in an offer, pick G.711 (PCMU or PCMA, in the offer's order of preference) and the
 * offer's telephone-event payload type, and answer every media line (the ones we don't take
 * with port 0).
 */
final class Sdp {

    /** Why an offer cannot be used; the INVITE is answered 488. */
    static final class UnusableOfferException extends Exception {
        UnusableOfferException(String message) {
            super(message);
        }
    }

    enum Direction { SENDRECV, SENDONLY, RECVONLY, INACTIVE }

    /** What we take from an offer. */
    record Offer(InetSocketAddress remote, int payloadType, int telephoneEventType, Direction direction,
                 List<String> mediaLines, int audioIndex) {

        String codec() {
            return payloadType == 8 ? "PCMA" : "PCMU";
        }

        /** The caller put us on hold: a sendonly/inactive stream, or the old way, address 0.0.0.0. */
        boolean onHold() {
            return direction == Direction.SENDONLY || direction == Direction.INACTIVE
                    || remote.getAddress().isAnyLocalAddress();
        }
    }

    private Sdp() {
    }

    static Offer parse(byte[] body) throws UnusableOfferException {
        if (body == null || body.length == 0) {
            throw new UnusableOfferException("no SDP");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String sessionAddress = null;
        Direction sessionDirection = Direction.SENDRECV;
        List<String> mediaLines = new ArrayList<>();
        int audioIndex = -1;
        String audioAddress = null;
        int audioPort = -1;
        List<Integer> formats = new ArrayList<>();
        Map<Integer, String> rtpmap = new LinkedHashMap<>();
        Direction audioDirection = null;
        boolean inAudio = false;
        boolean sawVersion = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'v' -> sawVersion = true;
                case 'c' -> {
                    String address = connectionAddress(value);
                    if (mediaLines.isEmpty()) {
                        sessionAddress = address;
                    } else if (inAudio) {
                        audioAddress = address;
                    }
                }
                case 'm' -> {
                    mediaLines.add(value);
                    inAudio = false;
                    String[] parts = value.split(" +");
                    if (audioIndex < 0 && parts.length >= 4 && "audio".equals(parts[0])
                            && parts[2].toUpperCase(Locale.ROOT).startsWith("RTP/")) {
                        int port = parseInt(parts[1]);
                        if (port > 0 && port < 65536) {
                            audioIndex = mediaLines.size() - 1;
                            audioPort = port;
                            inAudio = true;
                            for (int i = 3; i < parts.length; i++) {
                                int pt = parseInt(parts[i]);
                                if (pt >= 0 && pt < 128) {
                                    formats.add(pt);
                                }
                            }
                        }
                    }
                }
                case 'a' -> {
                    Direction d = switch (value) {
                        case "sendrecv" -> Direction.SENDRECV;
                        case "sendonly" -> Direction.SENDONLY;
                        case "recvonly" -> Direction.RECVONLY;
                        case "inactive" -> Direction.INACTIVE;
                        default -> null;
                    };
                    if (d != null) {
                        if (mediaLines.isEmpty()) {
                            sessionDirection = d;
                        } else if (inAudio) {
                            audioDirection = d;
                        }
                    } else if (inAudio && value.startsWith("rtpmap:")) {
                        String[] parts = value.substring(7).split(" +", 2);
                        int pt = parseInt(parts[0]);
                        if (pt >= 0 && parts.length == 2) {
                            rtpmap.put(pt, parts[1].strip().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                default -> { }
            }
        }
        if (!sawVersion) {
            throw new UnusableOfferException("not SDP (no v= line)");
        }
        if (audioIndex < 0) {
            throw new UnusableOfferException("no audio stream offered");
        }
        int codec = -1;
        int telephoneEvent = -1;
        for (int pt : formats) {
            String name = rtpmap.get(pt);
            boolean pcmu = name == null ? pt == 0 : name.startsWith("pcmu/8000");
            boolean pcma = name == null ? pt == 8 : name.startsWith("pcma/8000");
            if (codec < 0 && (pcmu || pcma)) {
                codec = pcmu ? 0 : 8;
            }
            if (telephoneEvent < 0 && name != null && name.startsWith("telephone-event/8000")) {
                telephoneEvent = pt;
            }
        }
        if (codec < 0) {
            throw new UnusableOfferException("no codec we speak (PCMU or PCMA) among " + formats);
        }
        String address = audioAddress != null ? audioAddress : sessionAddress;
        if (address == null) {
            throw new UnusableOfferException("no connection address");
        }
        if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new UnusableOfferException("the connection address is not an IP address"); // never a DNS lookup
        }
        InetSocketAddress remote;
        try {
            remote = new InetSocketAddress(java.net.InetAddress.getByName(address), audioPort);
        } catch (java.net.UnknownHostException e) {
            throw new UnusableOfferException("the connection address is not an IP address");
        }
        return new Offer(remote, codec, telephoneEvent,
                audioDirection != null ? audioDirection : sessionDirection, mediaLines, audioIndex);
    }

    /** Our answer: the chosen codec (and telephone-event) on {@code port}; other media refused. */
    static byte[] answer(Offer offer, String address, int port, long sessionId, long version, boolean onHold) {
        StringBuilder sdp = new StringBuilder();
        sdp.append("v=0\r\n");
        sdp.append("o=CaseLine ").append(sessionId).append(' ').append(version).append(" IN IP4 ").append(address).append("\r\n");
        sdp.append("s=CaseLine\r\n");
        sdp.append("c=IN IP4 ").append(address).append("\r\n");
        sdp.append("t=0 0\r\n");
        for (int i = 0; i < offer.mediaLines().size(); i++) {
            String[] parts = offer.mediaLines().get(i).split(" +");
            if (i != offer.audioIndex()) {
                sdp.append("m=").append(parts[0]).append(" 0 ").append(parts.length > 2 ? parts[2] : "RTP/AVP")
                        .append(' ').append(parts.length > 3 ? parts[3] : "0").append("\r\n");
                continue;
            }
            sdp.append("m=audio ").append(port).append(' ').append(parts[2]).append(' ').append(offer.payloadType());
            if (offer.telephoneEventType() >= 0) {
                sdp.append(' ').append(offer.telephoneEventType());
            }
            sdp.append("\r\n");
            sdp.append("a=rtpmap:").append(offer.payloadType()).append(' ').append(offer.codec()).append("/8000\r\n");
            if (offer.telephoneEventType() >= 0) {
                sdp.append("a=rtpmap:").append(offer.telephoneEventType()).append(" telephone-event/8000\r\n");
                sdp.append("a=fmtp:").append(offer.telephoneEventType()).append(" 0-15\r\n");
            }
            sdp.append("a=ptime:20\r\n");
            sdp.append(switch (offer.direction()) {
                case SENDONLY -> "a=recvonly\r\n";
                case RECVONLY -> "a=sendonly\r\n";
                case INACTIVE -> "a=inactive\r\n";
                case SENDRECV -> onHold ? "a=recvonly\r\n" : "a=sendrecv\r\n";
            });
        }
        return sdp.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Our offer, for an INVITE that came without one (a late offer): PCMU and PCMA, and
     * telephone-event as payload type 101. The caller answers in its ACK.
     */
    static byte[] offer(String address, int port, long sessionId, long version) {
        return ("v=0\r\n"
                + "o=CaseLine " + sessionId + " " + version + " IN IP4 " + address + "\r\n"
                + "s=CaseLine\r\n"
                + "c=IN IP4 " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String connectionAddress(String value) {
        String[] parts = value.split(" +");
        if (parts.length < 3) {
            return null;
        }
        String address = parts[2];
        int slash = address.indexOf('/');
        return slash >= 0 ? address.substring(0, slash) : address;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
