package org.caseline.messaging.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail server of a CaseLine with none configured: SMTP and IMAP in process (GreenMail), on
 * loopback. Any address receives; anyone signs in to IMAP with their address as the user name and
 * any password, so a newcomer can read the demo's mail in an ordinary mail client. Nothing is kept
 * across restarts.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final GreenMail server;

    EmbeddedMailServer(String bindAddress, int smtpPort, int imapPort) {
        server = new GreenMail(new ServerSetup[] {
                setup(smtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP),
                setup(imapPort, bindAddress, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        log.info("Embedded mail server: SMTP on {}:{}, IMAP on {}:{} (sign in with the address, any password)",
                bindAddress, smtpPort(), bindAddress, imapPort());
    }

    private static ServerSetup setup(int port, String bindAddress, String protocol) {
        ServerSetup setup = new ServerSetup(port, bindAddress, protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    public int smtpPort() {
        return server.getSmtp().getPort();
    }

    public int imapPort() {
        return server.getImap().getPort();
    }

    public String host() {
        return server.getSmtp().getBindTo();
    }

    @Override
    public void close() {
        server.stop();
    }
}
