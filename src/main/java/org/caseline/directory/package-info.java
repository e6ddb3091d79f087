/**
 * Directory: where to go. The agency's offices (service centers, field offices, application
 * support centers, offices abroad) and who each serves, by ZIP code and by country, as one set of
 * data behind the pages, the API, the IVR and the assistant. ZIP codes, with their city, state and
 * coordinates, come from a package made for that (npm {@code zipcodes}), never typed by hand.
 * Administrators keep it as seven versioned files ({@link org.caseline.directory.DirectoryData}),
 * whole or one entry at a time, and each kind of entry as CSV
 * ({@link org.caseline.directory.DirectoryEntries}); a change is checked whole and goes live on
 * every node within seconds.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory")
package org.caseline.directory;
