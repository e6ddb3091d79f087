package org.caseline.messaging.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.caseline.messaging.InboundMail;
import org.caseline.messaging.OfficeBox;
import org.caseline.messaging.OfficeMail;
import org.caseline.messaging.Outbox;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads each office's box over IMAP, on a thread of its own: the mail not yet read goes to
 * {@link OfficeMail}, and is marked read only once it is stored, so a mail read by a node that then
 * dies is read again (and recognised). Between looks the reader waits with IDLE where the server
 * offers it, so mail is taken as it arrives, and looks anyway every {@code poll} in case a
 * notification was missed. When the server cannot be reached the box is shown down to
 * administrators at once ({@code GET /api/mail/mailboxes}, and the gauge
 * {@code caseline.mail.mailbox.up}) and the reader tries again by itself, later and later, until the
 * server is back: a mailbox never stops being read quietly.
 */
@Component
class OfficeBoxReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OfficeBoxReader.class);

    /** How one box is doing, as administrators see it. */
    record State(String mailbox, String office, String queue, boolean up, String mode, Instant since, Instant lastLook,
                 String lastError, long read) {
    }

    private final class Watch {
        final OfficeBox box;
        volatile boolean up;
        volatile String mode = "starting";
        volatile Instant since;
        volatile Instant lastLook;
        volatile String lastError;
        volatile long read;
        volatile Folder idling;
        Thread thread;
        volatile Store store;

        Watch(OfficeBox box) {
            this.box = box;
            this.since = clock.instant();
        }

        State state() {
            return new State(box.address(), box.office(), box.queue(), up, mode, since, lastLook, lastError, read);
        }
    }

    private final MailProperties properties;
    private final OfficeMail officeMail;
    private final Clock clock;
    private final String host;
    private final int port;
    private final Set<String> ownAddresses;
    private final Map<String, Watch> watches = new LinkedHashMap<>();
    private volatile boolean running;
    private ScheduledExecutorService nudger;

    OfficeBoxReader(MailProperties properties, OfficeMail officeMail, Clock clock, ObjectProvider<EmbeddedMailServer> embedded,
                    @Value("${spring.mail.host:}") String mailHost, MeterRegistry meters) {
        this.properties = properties;
        this.officeMail = officeMail;
        this.clock = clock;
        MailProperties.Imap imap = properties.imap();
        EmbeddedMailServer server = embedded.getIfAvailable();
        if (!imap.host().isBlank()) {
            host = imap.host();
            port = imap.port() > 0 ? imap.port() : imap.ssl() ? 993 : 143;
        } else if (server != null) {
            host = server.host();
            port = server.imapPort();
        } else {
            host = mailHost;
            port = imap.port() > 0 ? imap.port() : imap.ssl() ? 993 : 143;
        }
        Set<String> own = new java.util.HashSet<>();
        properties.officeBoxes().forEach(b -> own.add(b.address()));
        try {
            own.add(new InternetAddress(properties.from()).getAddress().toLowerCase(Locale.ROOT));
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("caseline.mail.from is not an address: " + properties.from(), e);
        }
        this.ownAddresses = Set.copyOf(own);
        for (OfficeBox box : properties.officeBoxes()) {
            if (watches.put(box.address(), new Watch(box)) != null) {
                throw new IllegalStateException("caseline.mail.office-boxes lists " + box.address() + " twice");
            }
            Watch watch = watches.get(box.address());
            Gauge.builder("caseline.mail.mailbox.up", watch, w -> w.up ? 1 : 0).tag("office", box.office())
                    .description("1 while an office's mailbox is being read, 0 while its server cannot be reached").register(meters);
        }
    }

    List<State> states() {
        return watches.values().stream().map(Watch::state).toList();
    }

    @Override
    public void start() {
        if (watches.isEmpty()) {
            return;
        }
        if (host == null || host.isBlank()) {
            log.warn("Office boxes are configured but no IMAP server is: set caseline.mail.imap.host; the boxes are not read");
            watches.values().forEach(w -> w.lastError = "no IMAP server configured (caseline.mail.imap.host)");
            return;
        }
        running = true;
        // a look now and then even while idling: a notification lost on the way does not leave mail unread
        nudger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mailbox-nudge").daemon().factory());
        long every = Math.max(1, properties.imap().poll().toMillis());
        nudger.scheduleWithFixedDelay(this::nudge, every, every, TimeUnit.MILLISECONDS);
        for (Watch watch : watches.values()) {
            watch.thread = Thread.ofPlatform().name("mailbox-" + watch.box.office().toLowerCase(Locale.ROOT)).daemon()
                    .start(() -> watch(watch));
        }
        log.info("Reading {} office box(es) on {}:{}: {}", watches.size(), host, port,
                watches.values().stream().map(w -> w.box.office()).collect(Collectors.joining(", ")));
    }

    @Override
    public void stop() {
        running = false;
        if (nudger != null) {
            nudger.shutdownNow();
        }
        for (Watch watch : watches.values()) {
            closeQuietly(watch.store);
            if (watch.thread != null) {
                watch.thread.interrupt();
            }
        }
        for (Watch watch : watches.values()) {
            if (watch.thread != null) {
                try {
                    watch.thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the database and web server, before nothing else: the reader needs them both up. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    private void watch(Watch watch) {
        int failures = 0;
        while (running) {
            try {
                Store store = session().getStore(properties.imap().ssl() ? "imaps" : "imap");
                watch.store = store;
                store.connect(host, port, watch.box.address(), watch.box.password());
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                boolean idle = properties.imap().idle() && store instanceof IMAPStore imap && imap.hasCapability("IDLE");
                if (!watch.up) {
                    log.info("The {} box ({}) is read again, {}", watch.box.office(), Outbox.mask(watch.box.address()),
                            idle ? "waiting with IDLE" : "looking every " + properties.imap().poll());
                }
                watch.up = true;
                watch.mode = idle ? "idle" : "poll";
                watch.since = clock.instant();
                watch.lastError = null;
                failures = 0;
                while (running) {
                    look(watch, inbox);
                    if (idle) {
                        watch.idling = inbox;
                        ((IMAPFolder) inbox).idle(true);
                        watch.idling = null;
                    } else {
                        Thread.sleep(properties.imap().poll().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (MessagingException | RuntimeException e) {
                watch.idling = null;
                if (!running) {
                    return;
                }
                failures++;
                Duration wait = retry(failures);
                String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (watch.up || watch.lastError == null) {
                    // the moment a box goes down is news for an administrator, not a line among many
                    log.warn("The {} box cannot be read ({}); trying again by itself, in {} and then later", watch.box.office(), reason, wait);
                    watch.since = clock.instant();
                } else {
                    log.info("The {} box still cannot be read ({}); next try in {}", watch.box.office(), reason, wait);
                }
                watch.up = false;
                watch.mode = "down";
                watch.lastError = reason.length() > 300 ? reason.substring(0, 300) : reason;
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                closeQuietly(watch.store);
            }
        }
    }

    /** Takes every mail not yet read, oldest first; each is marked read once it is stored. */
    private void look(Watch watch, Folder inbox) throws MessagingException {
        watch.lastLook = clock.instant();
        Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        // whole mails, a hundred to one command: fetched one by one, each header is a round trip
        for (int from = 0; from < unread.length; from += 100) {
            Message[] chunk = java.util.Arrays.copyOfRange(unread, from, Math.min(unread.length, from + 100));
            FetchProfile whole = new FetchProfile();
            whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
            whole.add(FetchProfile.Item.FLAGS);
            inbox.fetch(chunk, whole);
            take(watch, inbox, chunk);
        }
    }

    private void take(Watch watch, Folder inbox, Message[] chunk) throws MessagingException {
        for (Message message : chunk) {
            InboundMail mail;
            try {
                mail = InboundMails.read(new MimeMessage((MimeMessage) message)); // a copy of what was fetched, read here
            } catch (MessagingException | RuntimeException e) {
                // a mail the parser cannot take is still a person's mail: an agent sees that it came
                IMAPFolder folder = (IMAPFolder) inbox;
                mail = new InboundMail("uid:" + folder.getUIDValidity() + ":" + folder.getUID(message), null, List.of(),
                        "unknown@invalid", null, "(unreadable mail)", "This mail could not be read (" + e.getMessage()
                        + "). Look at it in the mailbox itself.", null, List.of(), false);
            }
            officeMail.receive(watch.box, mail, ownAddresses.contains(mail.fromAddress()));
            watch.read++;
        }
        // marked read once all of them are stored; a crash before leaves them unread, and they are recognised when read again
        inbox.setFlags(chunk, new Flags(Flags.Flag.SEEN), true);
    }

    /** Breaks each box's IDLE for a look: any command on an idling folder ends its IDLE. */
    private void nudge() {
        for (Watch watch : watches.values()) {
            Folder idling = watch.idling;
            if (idling != null) {
                try {
                    idling.getMessageCount();
                } catch (MessagingException | RuntimeException e) {
                    // the reader's own thread sees the broken connection and reconnects
                }
            }
        }
    }

    private Duration retry(int failures) {
        Duration wait = properties.imap().poll().multipliedBy(1L << Math.min(failures - 1, 16));
        return wait.compareTo(properties.imap().longestRetry()) > 0 ? properties.imap().longestRetry() : wait;
    }

    private Session session() {
        Properties settings = new Properties();
        // longer than the pause between nudges, which end an IDLE before a read could time out
        long timeout = Math.max(60_000, 2 * properties.imap().poll().toMillis());
        for (String protocol : new String[] {"imap", "imaps"}) {
            settings.put("mail." + protocol + ".connectiontimeout", "10000");
            settings.put("mail." + protocol + ".timeout", Long.toString(timeout));
        }
        return Session.getInstance(settings);
    }

    private static void closeQuietly(Store store) {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException | RuntimeException e) {
                // closing what is already broken
            }
        }
    }
}
