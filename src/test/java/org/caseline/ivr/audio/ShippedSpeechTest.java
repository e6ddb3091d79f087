package org.caseline.ivr.audio;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.caseline.cases.Catalogue;
import org.caseline.cases.CaseStatusView;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.ReceiptPrefixes;
import org.caseline.directory.Directory;
import org.caseline.directory.News;
import org.caseline.directory.Office;
import org.caseline.directory.OfficeKind;
import org.caseline.ivr.Lines;
import org.caseline.ivr.engine.Interpreter;
import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.platform.Languages;
import org.caseline.platform.audio.G711;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A machine without espeak-ng still speaks every default prompt, in English and Spanish, with
 * every value the default lines and the status catalogue put into them: nothing is silence.
 */
class ShippedSpeechTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z-]+}");

    private final SpeechAudio speech = new SpeechAudio("none", null);
    private final FlowSet flows = FlowFiles.load("classpath:ivr", Lines.entriesOf(List.of("main", "military", "premium")));

    @Test
    void everyPromptWithoutPlaceholdersShipsWholeInBothLanguages() {
        for (String language : List.of("en", "es")) {
            for (String id : flows.prompts().ids()) {
                String text = text(id, language);
                if (!PLACEHOLDER.matcher(text).find()) {
                    assertThat(speech.bundle(language).exact(text))
                            .as("pre-rendered %s audio for prompt '%s' (run tools/render-prompt-audio.sh after changing it)",
                                    language, id)
                            .isNotNull();
                }
            }
        }
    }

    /** The prompts that speak an appointment or a slot: heard with every support center's name and real dates, below. */
    private static final List<String> APPOINTMENT_PROMPTS = List.of(FlowSet.APPOINTMENT_PROMPT, "appointment-slot-option", "appointment-moved");

    @Test
    void everyPromptIsSpokenWithEveryValueTheDefaultsPutInIt() throws IOException {
        Lines lines = defaultLines();
        Catalogue catalogue = new Catalogue();
        for (String language : List.of("en", "es")) {
            Locale locale = "es".equals(language) ? Languages.SPANISH : Languages.ENGLISH;
            List<String> spoken = new ArrayList<>();
            for (String id : flows.prompts().ids()) {
                if (partOfTheHours(id) || id.equals(FlowSet.OFFICE_PROMPT) || id.equals(FlowSet.NEWS_PROMPT) || APPOINTMENT_PROMPTS.contains(id)
                        || FlowSet.FORM_ORDER_PROMPTS.contains(id)) {
                    continue; // heard within {hours}, or with each office's values, below
                }
                String template = text(id, language);
                for (Lines.Line line : lines.lines()) {
                    spoken.add(template
                            .replace("{hours}", Interpreter.hours(flows.prompts(), line, locale))
                            .replace("{email}", line.afterHoursEmail() == null ? "" : line.afterHoursEmail())
                            .replace("{entry}", Interpreter.spell("EAC2590000101"))
                            .replace("{number}", Interpreter.spell("2025550143"))
                            .replace("{position}", "37").replace("{minutes}", "58")
                            .replace("{reference}", Interpreter.spell("48210937"))
                            .replace("{title}", "").replace("{description}", ""));
                }
            }
            for (Office office : Directory.shipped().offices()) {
                if (office.kind() == OfficeKind.FIELD_OFFICE) {
                    spoken.add(text(FlowSet.OFFICE_PROMPT, language).replace("{office}", office.name().in(locale))
                            .replace("{address}", office.address().oneLine()).replace("{office-hours}", office.hours().in(locale)));
                }
            }
            // an appointment at each support center, on each weekday, early and late
            String biometrics = Languages.isSpanish(locale) ? "Datos biométricos (huellas, foto, firma)" : "Biometrics (fingerprints, photo, signature)";
            java.time.LocalDate monday = java.time.LocalDate.of(2027, 3, 15);
            for (Office office : Directory.shipped().offices()) {
                if (office.kind() != OfficeKind.SUPPORT_CENTER) {
                    continue;
                }
                for (int d = 0; d < 5; d++) {
                    for (java.time.LocalTime time : List.of(java.time.LocalTime.of(8, 0), java.time.LocalTime.of(15, 45))) {
                        String when = org.caseline.appointments.AppointmentWording.when(monday.plusDays(d).atTime(time)
                                .atZone(ZoneId.of(office.timeZone())), locale);
                        for (String id : APPOINTMENT_PROMPTS) {
                            spoken.add(text(id, language).replace("{type}", biometrics).replace("{when}", when)
                                    .replace("{office}", office.name().in(locale)).replace("{key}", String.valueOf(1 + d % 3))
                                    .replace("{reference}", Interpreter.spell("482109377")));
                        }
                    }
                }
            }
            for (Catalogue.Form form : catalogue.forms()) { // the form a caller keyed to have it mailed
                for (String id : FlowSet.FORM_ORDER_PROMPTS) {
                    spoken.add(text(id, language).replace("{form}", form.number()).replace("{title}", form.title().in(locale)));
                }
            }
            for (News.Item item : News.shipped().all()) {
                spoken.add(text(FlowSet.NEWS_PROMPT, language).replace("{date}", Languages.longDate(item.date(), locale))
                        .replace("{title}", item.title().in(locale)));
            }
            int i = 0;
            for (Catalogue.Status status : catalogue.statuses()) {
                for (Catalogue.Form form : catalogue.forms()) {
                    i++;
                    LocalDate date = LocalDate.of(2020 + i % 8, 1 + i % 12, 1 + (i * 7) % 28);
                    CaseStatusView view = new CaseStatusView(ReceiptNumber.parse("IOE2590000202", ReceiptPrefixes.of(java.util.Map.of("IOE", "ELIS"))), form, date,
                            Instant.now(), status, date.atStartOfDay(ZoneId.of("America/New_York")).toInstant(), null,
                            false, List.of(), Optional.empty(), ZoneId.of("America/New_York"));
                    spoken.add(flows.prompts().text("case-status-result").orElseThrow().in(locale)
                            .replace("{title}", view.title(locale)).replace("{description}", view.description(locale)));
                }
            }
            for (String text : spoken) {
                AudioBundle.Composition composition = speech.bundle(language).compose(text);
                assertThat(composition.missing()).as("words of \"%s\" with no audio", text).isEmpty();
                assertThat(speech.speak(text, language)).as("\"%s\" is heard", text).satisfies(ShippedSpeechTest::isSpeech);
            }
        }
    }

    @Test
    void theSpokenPromptIsTheShippedAudioWhenThereIsNoSynthesiser() {
        byte[] welcome = speech.speak(text("welcome", "es"), "es");
        assertThat(welcome).isSameAs(speech.bundle("es").exact(text("welcome", "es")));
        assertThat(welcome).satisfies(ShippedSpeechTest::isSpeech);
    }

    /** The sentence {hours} stands for, and its pieces (clock times, time zones). */
    private static boolean partOfTheHours(String id) {
        return id.equals(FlowSet.HOURS_PROMPT) || id.startsWith("time-") || id.startsWith("zone-");
    }

    private String text(String id, String language) {
        return flows.prompts().text(id).orElseThrow().in("es".equals(language) ? Languages.SPANISH : Languages.ENGLISH);
    }

    /** Longer than half a second, and loud: speech, not the silence of a missing prompt. */
    static void isSpeech(byte[] ulaw) {
        assertThat(ulaw.length).isGreaterThan(4000);
        double energy = 0;
        for (byte b : ulaw) {
            double s = G711.ulawToLinear(b);
            energy += s * s;
        }
        assertThat(Math.sqrt(energy / ulaw.length)).as("RMS level").isGreaterThan(300);
    }

    private static Lines defaultLines() throws IOException {
        var sources = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"));
        return new Binder(ConfigurationPropertySources.from(sources)).bind("caseline.ivr", Lines.class).get();
    }
}
