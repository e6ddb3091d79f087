package org.caseline.directory;

import java.util.List;
import java.util.Set;

import org.caseline.platform.LocalizedText;

/**
 * An office: its code (what other data refers to it by), kind, name, address, time zone, hours,
 * services, languages and accessibility; a field office's ZIP ranges ({@code zip3}, empty for its
 * state's office), an office abroad's countries. Domestic offices are placed at their ZIP code.
 */
public record Office(String code, OfficeKind kind, LocalizedText name, Address address, String timeZone,
                     LocalizedText hours, List<String> services, List<String> languages, LocalizedText accessibility,
                     List<String> zip3, Set<String> countries, Double latitude, Double longitude) {
}
