package org.caseline.directory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;


/** Doctors designated for the immigration medical exam ({@code directory/civil-surgeons.yaml}), nearest a ZIP code first. */
public class CivilSurgeons {

    /** How many a lookup lists. */
    public static final int LISTED = 5;

    public record Surgeon(String name, String practice, Address address, String phone, List<String> languages, ZipPlace at) {
    }

    public record Near(Surgeon surgeon, double distanceMiles) {
    }

    private final Directory directory;
    private final List<Surgeon> surgeons = new ArrayList<>();

    CivilSurgeons(Directory directory) {
        this(directory, CivilSurgeons.class.getResourceAsStream("/directory/civil-surgeons.yaml"));
    }

    @SuppressWarnings("unchecked")
    CivilSurgeons(Directory directory, InputStream yaml) {
        this.directory = directory;
        Map<String, Object> data = DirectoryYaml.read(yaml);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) data.getOrDefault("surgeons", List.of())) {
            Address address = new Address((String) s.get("street"), (String) s.get("city"), (String) s.get("state"),
                    String.valueOf(s.get("zip")), "US");
            directory.place(address.zip()).ifPresentOrElse(
                    at -> surgeons.add(new Surgeon((String) s.get("name"), (String) s.get("practice"), address,
                            (String) s.get("phone"), ((List<Object>) s.getOrDefault("languages", List.of())).stream()
                            .map(String::valueOf).toList(), at)),
                    () -> problems.add(s.get("name") + ": ZIP code " + address.zip() + " is not a known U.S. ZIP code"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The civil surgeons (directory/civil-surgeons.yaml): " + String.join("; ", problems));
        }
    }

    /**
     * The surgeons nearest a ZIP code, with their straight-line distance.
     *
     * @throws Directory.MalformedException when it is not five digits
     * @throws Directory.NotFoundException  when no such ZIP code exists
     */
    public List<Near> near(String zip) {
        ZipPlace from = directory.locate(zip).zip();
        return surgeons.stream()
                .map(s -> new Near(s, Math.round(from.milesTo(s.at().latitude(), s.at().longitude()) * 10) / 10.0))
                .sorted(Comparator.comparingDouble(Near::distanceMiles)).limit(LISTED).toList();
    }
}
