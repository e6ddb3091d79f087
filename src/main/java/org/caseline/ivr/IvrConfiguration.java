package org.caseline.ivr;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.caseline.appointments.AppointmentWording;
import org.caseline.appointments.Appointments;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptPrefixes;
import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.Office;
import org.caseline.platform.Languages;
import org.caseline.ivr.engine.Interpreter;
import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.FlowSet;
import org.springframework.beans.factory.annotation.Value;
import org.caseline.servicerequests.ServiceReference;
import org.caseline.servicerequests.ServiceRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the flows and prompts ({@code caseline.ivr.location}) and checks them before anything can call. */
@Configuration(proxyBeanMethods = false)
class IvrConfiguration {

    @Bean
    FlowSet flowSet(Lines lines, @Value("${caseline.ivr.location:classpath:ivr}") String location) {
        return FlowFiles.load(location, lines.entries());
    }

    @Bean
    Interpreter interpreter(CaseStatusService cases, ReceiptPrefixes prefixes, DirectoryData directory, ServiceRequests requests,
                            Appointments appointments, AppointmentWording wording,
                            org.springframework.beans.factory.ObjectProvider<BestTimeToCall> bestTimes, Clock clock) {
        return new Interpreter(new KeypadCases(cases, prefixes), offices(directory), headlines(directory), requests(requests),
                appointments(appointments, wording),
                (line, language) -> bestTimes.stream().findFirst().flatMap(b -> b.fastest(line, language)), clock);
    }

    /**
     * A caller's appointment by keypad: heard, the earlier slots offered, moved under its type's
     * rules (the same ones online and at the desk apply). A slot is named by its office and start.
     */
    static Interpreter.Appointments appointments(Appointments appointments, AppointmentWording wording) {
        return new Interpreter.Appointments() {
            @Override
            public Optional<Map.Entry<String, Map<String, String>>> next(String receipt, String type, Locale language) {
                return appointments.next(receipt, type).map(a -> {
                    AppointmentWording.Said said = wording.of(a, language);
                    return Map.entry(a.id().toString(), Map.of("type", said.type(), "when", said.when(), "office", said.office()));
                });
            }

            @Override
            public String notMovable(String id) {
                Appointments.Appointment a = appointments.find(java.util.UUID.fromString(id)).orElse(null);
                if (a == null || !appointments.movableByHolder(a)) {
                    return "appointment-not-movable";
                }
                return appointments.whyNotMovable(a).map(refused -> switch (refused.code()) {
                    case "too-close" -> "appointment-not-movable-close";
                    case "moved-too-often" -> "appointment-not-movable-often";
                    default -> "appointment-not-movable";
                }).orElse(null);
            }

            @Override
            public List<Map<String, String>> earlier(String id, int count, Locale language) {
                Appointments.Appointment a = appointments.find(java.util.UUID.fromString(id)).orElseThrow();
                return appointments.earlier(a, count).stream().map(slot -> Map.of("slot", slot.office() + "|" + slot.start(),
                        "when", wording.when(slot.office(), slot.start(), language), "office", wording.officeName(slot.office(), language)))
                        .toList();
            }

            @Override
            public Optional<Map<String, String>> move(String id, String slot, Locale language) {
                String[] parts = slot.split("\\|");
                try {
                    Appointments.Appointment moved = appointments.reschedule(java.util.UUID.fromString(id), parts[0],
                            java.time.Instant.parse(parts[1]), "caller (IVR)");
                    AppointmentWording.Said said = wording.of(moved, language);
                    return Optional.of(Map.of("when", said.when(), "office", said.office(), "reference", Interpreter.spell(moved.reference())));
                } catch (Appointments.Refused e) {
                    return Optional.empty();
                }
            }
        };
    }

    /** A service request as a caller hears where it stands: never the answer, which is read online. */
    static Interpreter.Requests requests(ServiceRequests requests) {
        return new Interpreter.Requests() {
            @Override
            public boolean wellFormed(String digits) {
                try {
                    ServiceReference.parse(digits);
                    return true;
                } catch (ServiceReference.Malformed e) {
                    return false;
                }
            }

            @Override
            public Optional<Map.Entry<String, Map<String, String>>> status(String reference, Locale language) {
                return requests.find(ServiceReference.parse(reference)).map(r -> {
                    String type = requests.types().stream().filter(t -> t.code().equals(r.type())).findFirst()
                            .map(t -> t.name().in(language)).orElse(r.type());
                    String prompt = switch (r.status()) {
                        case OPEN -> "request-status-open";
                        case WAITING -> "request-status-waiting";
                        case CLOSED -> "request-status-closed";
                    };
                    return Map.entry(prompt, Map.of("type", type, "due", Languages.longDate(r.dueDate(), language)));
                });
            }
        };
    }

    /** The latest news, as a caller hears each item: its date, its title. */
    static Interpreter.Headlines headlines(DirectoryData directory) {
        return (count, language) -> directory.news().latest(count).stream()
                .map(n -> new String[] {Languages.longDate(n.date(), language), n.title().in(language)}).toList();
    }

    /** The directory's field office for a ZIP code, as a caller hears it: name, address, hours. */
    static Interpreter.Offices offices(DirectoryData directory) {
        return new Interpreter.Offices() {
            @Override
            public Optional<String[]> forZip(String zip, Locale language) {
                try {
                    Office office = directory.offices().locate(zip).fieldOffice();
                    return Optional.of(new String[] {office.name().in(language), office.address().oneLine(),
                            office.hours().in(language)});
                } catch (Directory.MalformedException | Directory.NotFoundException e) {
                    return Optional.empty();
                }
            }

            @Override
            public List<Interpreter.KeyedForm> formsForKeys(String digits, Locale language) {
                return directory.forms().all().stream().filter(f -> f.number().replaceAll("[^0-9]", "").equals(digits))
                        .map(f -> new Interpreter.KeyedForm(f.number(), f.title().in(language), f.orderable())).toList();
            }
        };
    }

    /**
     * Receipt numbers keyed on a phone: letters arrive as their keypad digits (EAC = 3 2 2). The
     * agency's prefixes map to distinct digit triples, so the prefix can be recovered.
     */
    static final class KeypadCases implements Interpreter.Cases {
        private static final String KEYPAD = "22233344455566677778889999"; // A..Z

        private final CaseStatusService cases;
        private final Map<String, String> prefixByDigits = new HashMap<>();

        KeypadCases(CaseStatusService cases, ReceiptPrefixes prefixes) {
            this.cases = cases;
            for (String prefix : prefixes.all()) {
                // a triple two prefixes share (none among the agency's main ones) cannot be recovered
                prefixByDigits.merge(keypad(prefix), prefix, (a, b) -> "");
            }
        }

        static String keypad(String letters) {
            StringBuilder digits = new StringBuilder();
            for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
                digits.append(KEYPAD.charAt(c - 'A'));
            }
            return digits.toString();
        }

        @Override
        public Optional<String> receiptFromKeys(String digits) {
            if (digits.length() != 13) {
                return Optional.empty();
            }
            String prefix = prefixByDigits.get(digits.substring(0, 3));
            if (prefix == null || prefix.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(cases.parseReceipt(prefix + digits.substring(3)).value());
            } catch (InvalidReceiptNumberException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<String[]> status(String receipt, Locale language) {
            return cases.findStatus(cases.parseReceipt(receipt))
                    .map(view -> new String[] {view.title(language), view.description(language)});
        }
    }
}
