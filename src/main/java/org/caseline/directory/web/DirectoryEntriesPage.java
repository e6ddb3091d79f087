package org.caseline.directory.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.DirectoryEntries;
import org.caseline.directory.OfficesCsv;
import org.caseline.platform.VersionedFiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Keeping the directory one entry at a time (administrators): the entries of a kind in a table,
 * each in a form of its fields (an office's hours, a form's fees, an event's capacity), saved as a
 * new version when it passes the checks, else the problems beside the values as they were sent.
 * A kind also goes out as CSV and comes back from a file, every bad row listed with its problem.
 */
@Controller
class DirectoryEntriesPage {

    /** A field of the form: its name in the file, its label, its value, and whether it is long text. */
    record Field(String name, String label, String value, boolean longText) {
    }

    /** A row of a kind's table: the entry's name and what it is called. */
    record Row(String key, String title, String link) {
    }

    private final DirectoryEntries entries;
    private final DirectoryData data;

    DirectoryEntriesPage(DirectoryEntries entries, DirectoryData data) {
        this.entries = entries;
        this.data = data;
    }

    @GetMapping("/staff/directory/entries")
    String kind(@RequestParam(required = false) String kind, Model model) {
        DirectoryEntries.Kind chosen = DirectoryEntries.KINDS.stream().filter(k -> k.name().equals(kind)).findFirst()
                .orElse(DirectoryEntries.KINDS.getFirst());
        return table(chosen, model);
    }

    private String table(DirectoryEntries.Kind kind, Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", DirectoryEntries.KINDS);
        model.addAttribute("rows", entries.entries(kind).stream().map(e -> new Row(e.key(), title(e), link(kind, e.key()))).toList());
        model.addAttribute("version", data.currentVersion());
        return "staff-directory-entries";
    }

    @GetMapping("/staff/directory/entries/{kind}/{key}")
    String entry(@PathVariable String kind, @PathVariable String key, Locale locale, Model model) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        Map<String, String> values = "new".equals(key) ? Map.of()
                : DirectoryEntries.cells(entries.entry(k, key).orElseThrow(() -> new Directory.NotFoundException("No " + k.name() + " entry " + key)));
        return form(k, key, values, data.currentVersion().number(), null, locale, model);
    }

    @PostMapping("/staff/directory/entries/{kind}/{key}")
    String save(@PathVariable String kind, @PathVariable String key, @RequestParam MultiValueMap<String, String> form,
                Principal who, Locale locale, HttpServletResponse response, Model model, RedirectAttributes result) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("f.")) {
                values.put(name.substring(2), value.isEmpty() ? "" : value.getFirst());
            }
        });
        String note = form.getFirst("note");
        Integer version = parse(form.getFirst("version"));
        try {
            boolean adding = "new".equals(key);
            VersionedFiles.Version saved;
            if (form.containsKey("remove") && !adding) {
                saved = entries.remove(k, key, version, who.getName(), noteOf(note));
                result.addFlashAttribute("saved", saved.number());
                return "redirect:/staff/directory/entries?kind=" + k.name();
            }
            saved = entries.put(k, adding ? null : key, values, version, who.getName(), noteOf(note));
            result.addFlashAttribute("saved", saved.number());
            String named = k.key() == null ? (adding ? String.valueOf(entries.entries(k).size()) : key) : values.getOrDefault(k.key(), key);
            return "redirect:" + link(k, named);
        } catch (DirectoryData.InvalidFilesException | DirectoryEntries.StaleVersionException | Directory.NotFoundException e) {
            response.setStatus(e instanceof DirectoryEntries.StaleVersionException ? HttpStatus.CONFLICT.value()
                    : HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(k, key, values, version == null ? data.currentVersion().number() : version,
                    Arrays.stream(e.getMessage().split("; ")).toList(), locale, model.addAttribute("note", note));
        }
    }

    @GetMapping(value = "/staff/directory/entries/{kind}.csv", produces = "text/csv")
    ResponseEntity<String> csv(@PathVariable String kind) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + k.name() + ".csv\"").body(entries.exportCsv(k));
    }

    @PostMapping("/staff/directory/entries/{kind}.csv")
    String importCsv(@PathVariable String kind, @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String note,
                     Principal who, HttpServletResponse response, Model model, RedirectAttributes result) throws IOException {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        try {
            String csv = file == null ? "" : new String(file.getBytes(), StandardCharsets.UTF_8);
            VersionedFiles.Version saved = entries.importCsv(k, csv, who.getName(), noteOf(note));
            result.addFlashAttribute("saved", saved.number());
            return "redirect:/staff/directory/entries?kind=" + k.name();
        } catch (OfficesCsv.RowsRefusedException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("rowProblems", e.problems());
        } catch (DirectoryData.InvalidFilesException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("rowProblems", List.of(new OfficesCsv.RowProblem(0, "", e.getMessage())));
        }
        return table(k, model);
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(Directory.NotFoundException.class)
    org.springframework.web.servlet.ModelAndView notFound() {
        return new org.springframework.web.servlet.ModelAndView("error", Map.of("code", "404"), HttpStatus.NOT_FOUND);
    }

    private String form(DirectoryEntries.Kind kind, String key, Map<String, String> values, int version, List<String> problems,
                        Locale locale, Model model) {
        boolean spanish = "es".equals(locale.getLanguage());
        List<String> names = new java.util.ArrayList<>(entries.fields(kind));
        values.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add); // a field sent that is not one: shown with its problem
        model.addAttribute("kind", kind);
        model.addAttribute("key", key);
        model.addAttribute("adding", "new".equals(key));
        model.addAttribute("fields", names.stream().map(n -> {
            String value = values.getOrDefault(n, "");
            return new Field(n, label(n, spanish), value, value.length() > 80);
        }).toList());
        model.addAttribute("formVersion", version);
        model.addAttribute("problems", problems);
        return "staff-directory-entry";
    }

    /** {@code title.es} reads "title (Spanish)": the language of a text said in words. */
    private static String label(String name, boolean spanish) {
        if (name.endsWith(".en")) {
            return name.substring(0, name.length() - 3) + (spanish ? " (inglés)" : " (English)");
        }
        if (name.endsWith(".es")) {
            return name.substring(0, name.length() - 3) + (spanish ? " (español)" : " (Spanish)");
        }
        return name;
    }

    /** What an entry is called in the table: its English name or title, else what names a filing rule or a person. */
    private static String title(DirectoryEntries.Entry e) {
        Map<String, String> cells = DirectoryEntries.cells(e);
        for (String field : List.of("name.en", "title.en", "practice", "name")) {
            if (cells.containsKey(field)) {
                return cells.get(field) + (cells.containsKey("city") ? ", " + cells.get("city") + " " + cells.getOrDefault("state", "") : "");
            }
        }
        return cells.entrySet().stream().limit(4).map(c -> c.getKey() + ": " + c.getValue()).reduce((a, b) -> a + "; " + b).orElse("");
    }

    private static String link(DirectoryEntries.Kind kind, String key) {
        return "/staff/directory/entries/" + kind.name() + "/" + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8);
    }

    private static Integer parse(String version) {
        return version == null || !version.matches("[0-9]{1,9}") ? null : Integer.valueOf(version);
    }

    /** The editor's note on a change, if they wrote one. */
    private static String noteOf(String note) {
        return StringUtils.hasText(note) ? note.strip() : null;
    }
}
