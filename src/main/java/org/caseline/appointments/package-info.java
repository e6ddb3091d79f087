/**
 * Appointments: the calendars of field offices and application support centers (types, slots from
 * opening hours in each office's time zone, business days only, capacity per slot kept by the
 * database), and booking, moving and cancelling a case's appointment under its type's rules;
 * requests for an appointment ({@link org.caseline.appointments.AppointmentRequested}, worked by
 * Tier 2 in routing), the mails that tell of an appointment (with a calendar file) and the reminder
 * the day before, and the office's day list with check-in. Depends on directory (offices), cases
 * (the case booked for, every look audited), accounts (a holder's own cases) and messaging (the
 * outbox, the plain-mail rule).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Appointments")
package org.caseline.appointments;
