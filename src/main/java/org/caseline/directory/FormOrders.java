package org.caseline.directory;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;

import org.caseline.messaging.Mail;
import org.caseline.messaging.Outbox;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * A paper copy of a form sent by mail: only forms the data marks {@code orderable}, to a whole
 * U.S. address whose ZIP code exists and is in the state given; the orderer gets a reference, and
 * a mail saying so when they gave an address.
 */
@Service
public class FormOrders {

    /** An order taken: the reference to quote. */
    public record Order(String reference, String form) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DirectoryData data;
    private final Outbox outbox;
    private final MessageSource messages;

    FormOrders(JdbcClient jdbc, TransactionTemplate tx, Clock clock, DirectoryData data, Outbox outbox, MessageSource messages) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.data = data;
        this.outbox = outbox;
        this.messages = messages;
    }

    /**
     * @throws Directory.NotFoundException  for a form that does not exist
     * @throws Directory.MalformedException for a form that is not sent by mail, or a name, address or email missing or wrong
     */
    public Order order(String number, String name, Address address, String email, Locale language, String orderedBy) {
        Forms.Form form = data.forms().form(number).orElseThrow(() -> new Directory.NotFoundException("No form " + number + " is known"));
        if (!form.orderable()) {
            throw new Directory.MalformedException("Form " + form.number() + " is not sent by mail: download it from its page, " + form.page(),
                    "not-orderable");
        }
        String who = name == null ? "" : name.strip();
        if (who.isEmpty() || who.length() > 100) {
            throw new Directory.MalformedException("name is required, at most 100 characters", "name");
        }
        if (address == null || !StringUtils.hasText(address.street()) || !StringUtils.hasText(address.city())
                || !StringUtils.hasText(address.state()) || !StringUtils.hasText(address.zip())) {
            throw new Directory.MalformedException("address needs street, city, state and zip", "address");
        }
        ZipPlace place = data.offices().place(address.zip().strip())
                .orElseThrow(() -> new Directory.MalformedException("There is no ZIP code " + address.zip().strip(), "zip"));
        if (!place.state().equalsIgnoreCase(address.state().strip())) {
            throw new Directory.MalformedException("ZIP code " + place.zip() + " is in " + place.state() + ", not " + address.state().strip(), "state");
        }
        String to = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        if (to != null && !Mail.isAddress(to)) {
            throw new Directory.MalformedException("email must be an email address, like name@example.com", "email");
        }
        String reference = "FO-" + HexFormat.of().withUpperCase().formatHex(bytes());
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into directory_form_order (reference, form_number, name, street, city, state, zip, email, language,
                                ordered_by, ordered_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(reference, form.number(), who, address.street().strip(), address.city().strip(), place.state(), place.zip(),
                            to, language.getLanguage(), orderedBy, Timestamp.from(clock.instant())).update();
            if (to != null) {
                String body = messages.getMessage("mail.form-order.body", new Object[] {form.number(), form.title().in(language), reference},
                        language) + "\n\n-- \n" + messages.getMessage("mail.signature", null, language);
                outbox.send(new Mail(to, messages.getMessage("mail.form-order.subject", new Object[] {form.number()}, language), body,
                        language, "form-order"));
            }
        });
        return new Order(reference, form.number());
    }

    private static byte[] bytes() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return b;
    }
}
