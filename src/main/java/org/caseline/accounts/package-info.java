/**
 * Accounts: staff identities and their roles, sign-in (throttled per account and per address,
 * every failure audited), the machine clients of the public APIs and the access tokens they get,
 * the web security rules that follow from them; and applicants' and representatives' online
 * accounts ({@link org.caseline.accounts.Applicants}): a verified email, two-step verification
 * (an authenticator app, or a passkey through Spring Security's WebAuthn relying party), cases
 * linked by their access code (a representative's with the client's consent), sessions kept in
 * PostgreSQL that the holder lists and ends, and, if the holder chose it, a mail when a linked
 * case changes. Staff may use the same app as a second step; under {@code prod} admins,
 * supervisors and Tier 2 officers must.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.caseline.accounts;
