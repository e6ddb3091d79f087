/**
 * Hours of live help as a value: a line's days and hours in its own time zone, closed on federal
 * holidays. Exposed to other modules (the assistant says a line's hours and whether it is open),
 * since {@link org.caseline.ivr.Lines.Line#hours()} hands them out.
 */
@org.springframework.modulith.NamedInterface("hours")
package org.caseline.ivr.hours;
