package org.caseline.messaging;

import java.util.List;

/**
 * A mail as read from an office's box: what identifies it ({@code key}: its Message-ID, or a digest
 * when it has none), the ids it answers ({@code In-Reply-To} and {@code References}), who sent it,
 * its subject and text (the plain part, or the HTML part's text; never markup), the language it
 * says it is in (or null), the names of files it carried (not kept), and whether a machine made it
 * (an auto-reply, a bounce, a list), which is never answered automatically (RFC 3834).
 */
public record InboundMail(String key, String messageId, List<String> answering, String fromAddress, String fromName, String subject,
                          String text, String language, List<String> attachmentNames, boolean automatic) {

    public InboundMail {
        answering = List.copyOf(answering);
        attachmentNames = List.copyOf(attachmentNames);
    }
}
