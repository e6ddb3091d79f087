/**
 * Directory: where to go. The agency's offices (service centers, field offices, application
 * support centers, offices abroad) and who each serves, by ZIP code and by country, as one set of
 * data behind the pages, the API, the IVR and the assistant. ZIP codes, with their city, state and
 * coordinates, come from a package made for that (npm {@code zipcodes}), never typed by hand.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory")
package org.caseline.directory;
