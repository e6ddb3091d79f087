package org.caseline.accounts;

/** What a member of staff may do. Tier 1 answers general questions; Tier 2 may look into a case. */
public enum Role {
    ADMIN, SUPERVISOR, TIER1, TIER2, OFFICE;

    public String authority() {
        return "ROLE_" + name();
    }
}
