package org.caseline.telephony.sip;

import java.util.Properties;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message log. SIP messages carry callers' phone numbers, so they are never written
 * whole: at debug level, one line per message with its first line only.
 */
public class SipMessageLogger implements ServerLogger {

    private static final Logger log = LoggerFactory.getLogger("org.caseline.telephony.sip.messages");

    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (log.isDebugEnabled()) {
            log.debug("{} {} {}", sender ? "sent" : "received", message.getCSeq() == null ? "?" : message.getCSeq().getMethod(),
                    message.getCallId() == null ? "" : message.getCallId().getCallId());
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        logMessage(message, from, to, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, sender, 0);
    }

    @Override
    public void logException(Exception ex) {
        log.debug("SIP message", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
