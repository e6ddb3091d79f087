/**
 * Accounts: staff identities and their roles, sign-in (throttled per account and per address,
 * every failure audited), the machine clients of the public APIs and the access tokens they get,
 * the web security rules that follow from them; and applicants' and representatives' online
 * accounts ({@link org.caseline.accounts.Applicants}): a verified email, two-step verification,
 * cases linked by their access code, a mail when a linked case changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.caseline.accounts;
