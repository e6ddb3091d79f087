package org.caseline.directory;

/** A postal address with all its parts; {@code state} and {@code zip} only in the United States. */
public record Address(String street, String city, String state, String zip, String country) {

    /** "26 Federal Plaza, New York City, NY 10278", as a caller hears it or an envelope shows it. */
    public String oneLine() {
        return street + ", " + city + (state == null ? "" : ", " + state + (zip == null ? "" : " " + zip));
    }
}
