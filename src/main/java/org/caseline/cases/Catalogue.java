package org.caseline.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caseline.platform.LocalizedText;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Forms, case statuses (grouped by stage) and offices, loaded from the YAML files under
 * {@code catalogue/}. Loading fails, and the application does not start, on a missing
 * translation, a duplicate code or a status in an unknown stage.
 */
@Component
public class Catalogue {

    public record Form(String number, LocalizedText title) {
    }

    public record Stage(String code, LocalizedText name) {
    }

    public record Status(String code, Stage stage, LocalizedText title, LocalizedText description) {
    }

    public record Office(String code, LocalizedText name) {
    }

    /** A kind of notice the agency mails about a case; {@code form} is the paper it is printed on (may be empty). */
    public record NoticeType(String code, String form, LocalizedText name) {
    }

    private final Map<String, Form> forms = new LinkedHashMap<>();
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private final Map<String, Status> statuses = new LinkedHashMap<>();
    private final Map<String, Office> offices = new LinkedHashMap<>();
    private final Map<String, NoticeType> notices = new LinkedHashMap<>();

    public Catalogue() {
        ObjectMapper yaml = YAMLMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        load(yaml, "catalogue/forms.yaml", FormsFile.class).forms().forEach(f ->
                put(forms, f.number(), new Form(f.number(), text(f.en(), f.es(), "form " + f.number())), "form"));
        StatusesFile statusFile = load(yaml, "catalogue/statuses.yaml", StatusesFile.class);
        statusFile.stages().forEach(s ->
                put(stages, s.code(), new Stage(s.code(), text(s.en(), s.es(), "stage " + s.code())), "stage"));
        statusFile.statuses().forEach(s -> {
            Stage stage = stages.get(s.stage());
            if (stage == null) {
                throw new IllegalStateException("Status " + s.code() + " names an unknown stage " + s.stage());
            }
            put(statuses, s.code(), new Status(s.code(), stage,
                    text(s.title().en(), s.title().es(), "title of status " + s.code()),
                    text(s.description().en(), s.description().es(), "description of status " + s.code())), "status");
        });
        load(yaml, "catalogue/offices.yaml", OfficesFile.class).offices().forEach(o ->
                put(offices, o.code(), new Office(o.code(), text(o.en(), o.es(), "office " + o.code())), "office"));
        load(yaml, "catalogue/notices.yaml", NoticesFile.class).notices().forEach(n ->
                put(notices, n.code(), new NoticeType(n.code(), n.form() == null ? "" : n.form(),
                        text(n.en(), n.es(), "notice " + n.code())), "notice"));
    }

    public Optional<Form> form(String number) {
        return Optional.ofNullable(forms.get(number));
    }

    public Optional<Status> status(String code) {
        return Optional.ofNullable(statuses.get(code));
    }

    public Optional<Office> office(String code) {
        return Optional.ofNullable(offices.get(code));
    }

    public Optional<NoticeType> notice(String code) {
        return Optional.ofNullable(notices.get(code));
    }

    public List<Form> forms() {
        return List.copyOf(forms.values());
    }

    public List<Stage> stages() {
        return List.copyOf(stages.values());
    }

    public List<Status> statuses() {
        return List.copyOf(statuses.values());
    }

    public List<Office> offices() {
        return List.copyOf(offices.values());
    }

    private static <T> T load(ObjectMapper yaml, String path, Class<T> type) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return yaml.readValue(in, type);
        } catch (java.io.IOException | tools.jackson.core.JacksonException e) {
            throw new IllegalStateException("Cannot read catalogue " + path + ": " + e.getMessage(), e);
        }
    }

    private static LocalizedText text(String en, String es, String what) {
        try {
            return new LocalizedText(en, es);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Catalogue " + what + ": " + e.getMessage(), e);
        }
    }

    private static <T> void put(Map<String, T> map, String code, T value, String kind) {
        if (code == null || code.isBlank()) {
            throw new IllegalStateException("A " + kind + " in the catalogue has no code");
        }
        if (map.putIfAbsent(code, value) != null) {
            throw new IllegalStateException("The catalogue lists " + kind + " " + code + " twice");
        }
    }

    record Pair(String en, String es) {
    }

    record FormsFile(List<FormEntry> forms) {
    }

    record FormEntry(String number, String en, String es) {
    }

    record StatusesFile(List<StageEntry> stages, List<StatusEntry> statuses) {
    }

    record StageEntry(String code, String en, String es) {
    }

    record StatusEntry(String code, String stage, Pair title, Pair description) {
    }

    record OfficesFile(List<OfficeEntry> offices) {
    }

    record OfficeEntry(String code, String en, String es) {
    }

    record NoticesFile(List<NoticeEntry> notices) {
    }

    record NoticeEntry(String code, String form, String en, String es) {
    }
}
