package org.caseline.telephony.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * JAIN-SIP's sockets, with the UDP one behind {@link SipGate}: a request datagram the gate
 * rejects is answered from here and never parsed by the stack. (The stack loads this class by
 * name: {@code gov.nist.javax.sip.NETWORK_LAYER}.)
 */
public class GatedNetworkLayer implements NetworkLayer {

    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;

    /** The stack's receiving socket: it reads datagrams in a loop through {@link #receive}. */
    static final class GatedSocket extends DatagramSocket {

        GatedSocket(int port, InetAddress address) throws SocketException {
            super(new InetSocketAddress(address, port));
        }

        @Override
        public void receive(DatagramPacket packet) throws IOException {
            byte[] buffer = packet.getData();
            int offset = packet.getOffset();
            int capacity = buffer.length - offset;
            while (true) {
                packet.setData(buffer, offset, capacity);
                super.receive(packet);
                SipGate.Verdict verdict = SipGate.check(packet.getData(), packet.getOffset(), packet.getLength());
                if (verdict.admit()) {
                    return;
                }
                if (verdict.response() != null) {
                    try {
                        send(new DatagramPacket(verdict.response(), verdict.response().length, packet.getSocketAddress()));
                    } catch (IOException e) {
                        // the sender is unreachable: nothing is owed to it
                    }
                }
            }
        }
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress address) throws SocketException {
        return new GatedSocket(port, address);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return plain.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return plain.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return plain.createSocket(address, port, myAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return plain.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return plain.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return plain.createSSLSocket(address, port, myAddress);
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        plain.setSipStack(sipStack);
    }
}
