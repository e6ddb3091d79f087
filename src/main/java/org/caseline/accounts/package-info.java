/**
 * Accounts: staff identities and their roles, sign-in, the machine clients of the public APIs
 * and the access tokens they get, and the web security rules that follow from them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.caseline.accounts;
