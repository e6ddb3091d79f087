package org.caseline.telephony.sip;

import java.util.Properties;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's own diagnostics into our logs (SLF4J), instead of its default log files. Debug and
 * trace only when the logger {@code org.caseline.telephony.sip.jain} is set to them.
 */
public class SipStackLogger implements StackLogger {

    private static final Logger log = LoggerFactory.getLogger("org.caseline.telephony.sip.jain");

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log.warn("SIP stack", ex);
    }

    @Override
    public void logDebug(String message) {
        log.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message) {
        log.error(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return switch (logLevel) {
            case TRACE_TRACE -> log.isTraceEnabled();
            case TRACE_DEBUG -> log.isDebugEnabled();
            case TRACE_INFO -> log.isInfoEnabled();
            case TRACE_WARN -> log.isWarnEnabled();
            default -> log.isErrorEnabled();
        };
    }

    @Override
    public void logError(String message, Exception ex) {
        log.error(message, ex);
    }

    @Override
    public void logWarning(String message) {
        log.warn(message);
    }

    @Override
    public void logInfo(String message) {
        log.info(message);
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
