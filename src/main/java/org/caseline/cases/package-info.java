/**
 * Cases: receipt numbers, the form, status and office catalogues, case records with their
 * status history, processing times, the case status API, and ingestion from the agency's case
 * system. Other modules read cases through {@link org.caseline.cases.CaseStatusService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases")
package org.caseline.cases;
