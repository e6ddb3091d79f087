package org.caseline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP by hand over UDP, for what no well-behaved peer sends: malformed and odd requests. Each
 * message is written with {@code \n} line ends and sent with CRLF; {@code $PORT} becomes our
 * local port.
 */
public final class RawSip implements AutoCloseable {

    private final DatagramSocket socket;
    private final int serverPort;

    public RawSip(int serverPort) {
        try {
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.serverPort = serverPort;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** Sends the message as it is (no line-end rewriting). */
    public void sendRaw(byte[] message) {
        try {
            socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), serverPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(String message) {
        sendRaw(crlf(message).getBytes(StandardCharsets.UTF_8));
    }

    public static String crlf(String message) {
        return message.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** Every response received within {@code millis}, stopping at the first final one (2xx-6xx). */
    public List<String> responses(int millis) {
        return responses(millis, null);
    }

    /** The same, for one call only: retransmissions of other calls' responses are passed over. */
    public List<String> responses(int millis, String callId) {
        List<String> responses = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        byte[] buffer = new byte[65536];
        try {
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (callId != null && !callId.equals(callId(response))) {
                    continue;
                }
                responses.add(response);
                if (status(response) >= 200) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return responses;
    }

    /** Sends the request and returns the final response's status code, or 0 if none came. */
    public int exchange(String message) {
        send(message.replace("$PORT", String.valueOf(localPort())));
        List<String> responses = responses(3000, callId(message));
        return responses.isEmpty() ? 0 : status(responses.getLast());
    }

    public String lastFinal(String message) {
        send(message.replace("$PORT", String.valueOf(localPort())));
        List<String> responses = responses(3000, callId(message));
        return responses.isEmpty() ? null : responses.getLast();
    }

    public static String callId(String message) {
        for (String line : message.split("\r?\n")) {
            if (line.regionMatches(true, 0, "Call-ID:", 0, 8)) {
                return line.substring(8).strip();
            }
            if (line.startsWith("i:")) {
                return line.substring(2).strip();
            }
        }
        return null;
    }

    public static int status(String response) {
        if (!response.startsWith("SIP/2.0 ") || response.length() < 11) {
            return -1;
        }
        try {
            return Integer.parseInt(response.substring(8, 11));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
