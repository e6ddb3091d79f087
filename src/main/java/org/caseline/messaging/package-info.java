/**
 * Messaging: mail in and out. Every module that sends mail hands it to the {@link org.caseline.messaging.Outbox}
 * in the same transaction as the change that causes it; a worker sends it with retries and backoff,
 * so none is lost and none goes out for a change that was rolled back. Permanent failures are kept
 * for administrators. With no {@code spring.mail.host}, an embedded SMTP and IMAP server starts, like
 * the embedded PostgreSQL. Mail never carries case details: it says that something is waiting.
 * Messages from the public ({@link org.caseline.messaging.ContactMessages}) are acknowledged,
 * handed to routing ({@link org.caseline.messaging.ContactMessageReceived}) and answered by mail in
 * their thread, held to {@link org.caseline.messaging.CaseDetailsRule}. Offices' mailboxes are read
 * over IMAP ({@code mail.OfficeBoxReader}, IDLE where offered, reconnecting by itself) into the same
 * threads ({@link org.caseline.messaging.OfficeMail}, announced as
 * {@link org.caseline.messaging.OfficeMailReceived}), acknowledged once per thread and never
 * answering a machine's mail. Agents start answers from saved replies per topic and language
 * ({@link org.caseline.messaging.CannedReplies}), which administrators keep under the same rule.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging")
package org.caseline.messaging;
