/**
 * Service requests: a request for help with a case (a card never received, a case outside normal
 * processing time, an expedite, ...) filed from any channel, sent to the office that holds the case,
 * worked there against a business-day clock, with a reference number the requester can quote.
 * Types, their fields, who may file them and their eligibility rules are data
 * ({@code servicerequests/types.yaml}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service requests")
package org.caseline.servicerequests;
