/**
 * Analytics: the contact center's history as facts and 15-minute aggregates, the reports
 * supervisors read, forecasts, Erlang C/A staffing, and the best time to call told to callers.
 * Facts arrive as events from the modules that handle contacts (calls from the IVR, interactions
 * from routing), are written idempotently, and can be rebuilt from those modules' own records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package org.caseline.analytics;
