package org.caseline.directory;

/** What an office is for. */
public enum OfficeKind {
    /** Processes filings by mail; receives no visitors. */
    SERVICE_CENTER,
    /** Interviews, naturalization ceremonies, appointments, for the ZIP codes it serves. */
    FIELD_OFFICE,
    /** Biometrics (fingerprints, photo, signature), by appointment. */
    SUPPORT_CENTER,
    /** An office abroad, for the countries it serves. */
    INTERNATIONAL
}
