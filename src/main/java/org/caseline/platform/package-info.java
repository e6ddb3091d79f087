/**
 * Shared plumbing every module may use: the clock, languages and texts, masking of personal
 * data in logs, the embedded database and web error handling. It holds no domain logic.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.caseline.platform;
