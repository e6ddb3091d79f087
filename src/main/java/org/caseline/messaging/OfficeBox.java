package org.caseline.messaging;

import java.time.Duration;

import org.caseline.platform.LocalizedText;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An office's mailbox ({@code caseline.mail.office-boxes}): mail to {@code address} (the office
 * {@code office}, called {@code name} in what we write back) becomes a
 * written contact in routing's {@code queue}, to be answered within {@code answerWithin}, in the
 * box's {@code language} unless the mail says its own. The box is read over IMAP as
 * {@code address} with {@code password} (the embedded server takes any).
 */
public record OfficeBox(String address, String office, LocalizedText name, String queue, @DefaultValue("en") String language,
                        @DefaultValue("48h") Duration answerWithin, @DefaultValue("") String password) {

    public OfficeBox {
        if (!Mail.isAddress(address)) {
            throw new IllegalArgumentException("An office box needs its email address (caseline.mail.office-boxes[].address)");
        }
        if (office == null || office.isBlank() || queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("The office box " + address + " needs its office and its queue");
        }
        if (!"en".equals(language) && !"es".equals(language)) {
            throw new IllegalArgumentException("The office box " + address + ": language is en or es");
        }
        address = address.toLowerCase(java.util.Locale.ROOT);
        if (name == null) {
            name = new LocalizedText(office, office);
        }
    }
}
