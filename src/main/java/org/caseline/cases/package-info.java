/**
 * Cases: receipt numbers, the form, status and office catalogues, case records with their
 * status history, processing times, the case status API, and ingestion from the agency's case
 * system, with what identifies a case's applicant ({@link org.caseline.cases.CaseIdentities}, only
 * to match, never shown), its online access code ({@link org.caseline.cases.CaseAccessCodes}) and the
 * notices mailed about it ({@link org.caseline.cases.CaseNotices}, shown only to its account holders).
 * Other modules read cases through {@link org.caseline.cases.CaseStatusService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases")
package org.caseline.cases;
