package org.caseline.directory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.caseline.platform.LocalizedText;

/**
 * The offices and who they serve: a ZIP code's field office and nearest support centers, a
 * country's office abroad (or, where there is none, the U.S. embassy or consulate, said plainly).
 * Read from {@code directory/offices.yaml} and checked at start-up: a ZIP range claimed by two
 * offices, a state with no office or two, or a missing translation stops the start.
 */
public class Directory {

    /** How many support centers a ZIP lookup lists, nearest first. */
    public static final int SUPPORT_CENTERS_LISTED = 3;

    /** What a ZIP code gets: its place, its field office, the support centers nearest it. */
    public record Located(ZipPlace zip, Office fieldOffice, List<Nearby> supportCenters, boolean noOfficeInItsState) {
    }

    /** An office and its straight-line distance. */
    public record Nearby(Office office, double distanceMiles) {
    }

    /** What a country gets: its office abroad if it has one, else what to do instead. */
    public record Abroad(String country, LocalizedText countryName, Optional<Office> office, LocalizedText guidance) {
    }

    /** What was asked is malformed (not a ZIP code, not a country code, a field missing). */
    public static class MalformedException extends RuntimeException {
        private final String reason;

        public MalformedException(String message) {
            this(message, null);
        }

        /** @param reason a short word for what was wrong, which a page words in the visitor's language */
        public MalformedException(String message, String reason) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** What was asked is well formed, but no such thing exists (or no longer takes it). */
    public static class NotFoundException extends RuntimeException {
        private final String reason;

        public NotFoundException(String message) {
            this(message, null);
        }

        public NotFoundException(String message, String reason) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final ZipCodes zips;
    private final Map<String, Office> byCode = new LinkedHashMap<>();
    /** A field office by its three-digit ZIP prefix; a state's own office by its state. */
    private final Map<String, Office> byZip3 = new LinkedHashMap<>();
    private final Map<String, Office> byState = new LinkedHashMap<>();
    private final Map<String, Office> byCountry = new LinkedHashMap<>();
    private final LocalizedText abroad;

    Directory() {
        this(ZipCodes.shipped(), Directory.class.getResourceAsStream("/directory/offices.yaml"));
    }

    /** The offices and ZIP codes shipped with CaseLine, read without Spring (for tools such as the audio renderer). */
    public static Directory shipped() {
        return new Directory();
    }

    Directory(ZipCodes zips, InputStream offices) {
        this.zips = zips;
        Map<String, Object> data = DirectoryYaml.read(offices);
        List<String> problems = new ArrayList<>();
        Map<String, Object> hours = map(data.get("hours"));
        LocalizedText accessibility = text(data.get("accessibility"), "accessibility", problems);
        this.abroad = text(data.get("abroad"), "abroad", problems);
        for (Object entry : (List<?>) data.getOrDefault("offices", List.of())) {
            Map<String, Object> o = map(entry);
            String code = (String) o.get("code");
            try {
                OfficeKind kind = OfficeKind.valueOf((String) o.get("kind"));
                Map<String, Object> a = map(o.get("address"));
                Address address = new Address((String) a.get("street"), (String) a.get("city"), (String) a.get("state"),
                        a.get("zip") == null ? null : String.valueOf(a.get("zip")),
                        a.get("country") == null ? "US" : (String) a.get("country"));
                if (address.street() == null || address.city() == null
                        || "US".equals(address.country()) && (address.state() == null || address.zip() == null)) {
                    problems.add(code + ": an address needs its street, city, and in the United States its state and ZIP code");
                    continue;
                }
                Optional<ZipPlace> at = address.zip() == null ? Optional.empty() : zips.find(address.zip());
                if ("US".equals(address.country()) && at.isEmpty()) {
                    problems.add(code + ": ZIP code " + address.zip() + " is not a known U.S. ZIP code");
                    continue;
                }
                Object ownHours = o.containsKey("hours") ? o.get("hours") : hours.get(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                Office office = new Office(code, kind, text(o.get("name"), code + " name", problems), address,
                        (String) o.get("time-zone"), text(ownHours, code + " hours", problems), strings(o.get("services")),
                        strings(o.get("languages")), o.containsKey("accessibility")
                                ? text(o.get("accessibility"), code + " accessibility", problems) : accessibility,
                        strings(o.get("zip3")), new TreeSet<>(strings(o.get("countries"))),
                        at.map(ZipPlace::latitude).orElse(null), at.map(ZipPlace::longitude).orElse(null));
                if (byCode.put(code, office) != null) {
                    problems.add(code + " is defined twice");
                }
                if (kind == OfficeKind.FIELD_OFFICE) {
                    serves(office, problems);
                }
                for (String country : office.countries()) {
                    if (byCountry.put(country, office) != null) {
                        problems.add("country " + country + " is served by two offices");
                    }
                }
            } catch (RuntimeException e) {
                problems.add(code + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The offices (directory/offices.yaml): " + String.join("; ", problems));
        }
    }

    /** A field office serves its ZIP ranges, or, without any, its whole state (but for others' ranges). */
    private void serves(Office office, List<String> problems) {
        if (office.zip3().isEmpty()) {
            Office before = byState.put(office.address().state(), office);
            if (before != null) {
                problems.add(office.address().state() + " has two offices for the whole state: " + before.code() + " and " + office.code());
            }
            return;
        }
        for (String range : office.zip3()) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = Integer.parseInt(ends[ends.length - 1]);
            for (int p = from; p <= to; p++) {
                String prefix = String.format("%03d", p);
                Office before = byZip3.put(prefix, office);
                if (before != null) {
                    problems.add("ZIP codes " + prefix + "xx are claimed by " + before.code() + " and " + office.code());
                }
            }
        }
    }

    /** Where a ZIP code is (its city, state and coordinates), if it exists. */
    public Optional<ZipPlace> place(String zip) {
        return zip == null ? Optional.empty() : zips.find(zip);
    }

    public List<Office> offices() {
        return List.copyOf(byCode.values());
    }

    public Optional<Office> office(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.toUpperCase(Locale.ROOT)));
    }

    /**
     * The field office with jurisdiction over a ZIP code ("20529", or ZIP+4 "20529-0001"), and
     * the support centers nearest it. A state with no field office of its own (American Samoa,
     * say) gets the nearest one, and {@code noOfficeInItsState} says so.
     *
     * @throws MalformedException when it is not five digits
     * @throws NotFoundException  when no such ZIP code exists
     */
    public Located locate(String zip) {
        String text = zip == null ? "" : zip.strip();
        if (!text.matches("[0-9]{5}(-[0-9]{4})?")) {
            throw new MalformedException("A ZIP code is five digits, like 20529 (or ZIP+4, like 20529-0001)");
        }
        ZipPlace place = zips.find(text.substring(0, 5))
                .orElseThrow(() -> new NotFoundException("There is no U.S. ZIP code " + text.substring(0, 5)));
        Office ranged = byZip3.get(place.zip().substring(0, 3));
        Office office = ranged != null && ranged.address().state().equals(place.state()) ? ranged : byState.get(place.state());
        boolean outside = office == null;
        if (outside) {
            office = nearest(place, OfficeKind.FIELD_OFFICE, 1).getFirst().office();
        }
        return new Located(place, office, nearest(place, OfficeKind.SUPPORT_CENTER, SUPPORT_CENTERS_LISTED), outside);
    }

    private List<Nearby> nearest(ZipPlace place, OfficeKind kind, int count) {
        return byCode.values().stream().filter(o -> o.kind() == kind && o.latitude() != null)
                .map(o -> new Nearby(o, Math.round(place.milesTo(o.latitude(), o.longitude()) * 10) / 10.0))
                .sorted(Comparator.comparingDouble(Nearby::distanceMiles)).limit(count).toList();
    }

    /**
     * A country's office abroad, by its ISO 3166 two-letter code ("MX", "de"); where the agency
     * has none, the guidance to turn to the U.S. embassy or consulate.
     *
     * @throws MalformedException when it is not two letters
     * @throws NotFoundException  when no country has that code
     */
    public Abroad abroad(String country) {
        String code = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{2}")) {
            throw new MalformedException("A country is its two-letter ISO 3166 code, like MX for Mexico or DE for Germany");
        }
        if (!Set.of(Locale.getISOCountries()).contains(code)) {
            throw new NotFoundException("No country has the code " + code);
        }
        if ("US".equals(code)) {
            throw new NotFoundException("The United States is served by field offices: look up a ZIP code instead");
        }
        Locale where = Locale.of("", code);
        LocalizedText name = new LocalizedText(where.getDisplayCountry(Locale.ENGLISH),
                where.getDisplayCountry(org.caseline.platform.Languages.SPANISH));
        Optional<Office> office = Optional.ofNullable(byCountry.get(code));
        return new Abroad(code, name, office, office.isPresent() ? null : abroad);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static LocalizedText text(Object value, String what, List<String> problems) {
        Map<String, Object> m = map(value);
        try {
            return new LocalizedText((String) m.get("en"), (String) m.get("es"));
        } catch (IllegalArgumentException e) {
            problems.add(what + ": " + e.getMessage());
            return null;
        }
    }
}
