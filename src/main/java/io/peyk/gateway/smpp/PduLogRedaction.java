package io.peyk.gateway.smpp;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.runtime.StartupEvent;

/**
 * jSMPP logs whole PDUs in hex at DEBUG ("Sending PDU 0000007700000004..."), message text included. Before any bind
 * opens, every jSMPP logger that does so gets a filter that replaces hex runs in its records by their length, so an
 * operator who turns on DEBUG for {@code org.jsmpp} sees PDU sizes, never content (LogSecrecyTest). The log category's
 * {@code min-level} is INFO as well; this filter holds even if a level is set directly at run time.
 */
@ApplicationScoped
public class PduLogRedaction {

    /** The jSMPP classes that log PDU bytes (found in the jSMPP 3.0.2 jar). */
    static final List<String> LOGGERS = List.of("org.jsmpp.DefaultPDUSender", "org.jsmpp.DefaultPDUReader",
            "org.jsmpp.session.PDUProcessTask", "org.jsmpp.session.PDUProcessServerTask",
            "org.jsmpp.session.PDUProcessOutboundTask", "org.jsmpp.session.PDUProcessOutboundServerTask",
            "org.jsmpp.session.AbstractSession", "org.jsmpp.session.SMPPSession", "org.jsmpp.session.SMPPServerSession",
            "org.jsmpp.session.SMPPOutboundSession", "org.jsmpp.session.SMPPOutboundServerSession");

    /** A run of hex digits long enough to be PDU bytes (ids and sequence numbers are shorter). */
    static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{24,}");

    /** Replaces PDU hex in a record's message by its size; lets every record through. */
    static final Filter REDACT = record -> {
        String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (text != null && HEX_RUN.matcher(text).find()) {
            String redacted = redact(text);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        return true;
    };

    static String redact(String text) {
        return HEX_RUN.matcher(text).replaceAll(m -> "<" + m.group().length() / 2 + " bytes, not logged>");
    }

    /** Keeps the configured loggers referenced: a JUL logger without references may be collected with its filter. */
    private final List<Logger> filtered;

    PduLogRedaction() {
        this.filtered = LOGGERS.stream().map(Logger::getLogger).toList();
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        filtered.forEach(l -> l.setFilter(REDACT));
    }

}
