/**
 * Appointments: the calendars of field offices and application support centers (types, slots from
 * opening hours in each office's time zone, business days only, capacity per slot kept by the
 * database), and booking, moving and cancelling a case's appointment under its type's rules.
 * Depends on directory (offices) and cases (the case booked for, every look audited).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Appointments")
package org.caseline.appointments;
