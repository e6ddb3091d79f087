package org.caseline.directory.web;

import java.security.Principal;
import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.caseline.directory.DirectoryData;
import org.caseline.platform.Languages;
import org.caseline.platform.VersionedFiles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Keeping the directory (administrators): one file at a time in a text area, saved as a new
 * version when all the files pass their checks, else the problems and the text as it was sent.
 */
@Controller
class DirectoryAdminPage {

    private final DirectoryData data;

    DirectoryAdminPage(DirectoryData data) {
        this.data = data;
    }

    @GetMapping("/staff/directory")
    String page(@RequestParam(required = false) String file, Locale locale, Model model) {
        String chosen = DirectoryData.FILES.contains(file) ? file : DirectoryData.FILES.getFirst();
        VersionedFiles.Version live = data.currentVersion();
        if (!model.containsAttribute("text")) {
            model.addAttribute("text", live.files().get(chosen));
        }
        return render(chosen, live, locale, model);
    }

    @PostMapping("/staff/directory")
    String save(@RequestParam String file, @RequestParam(required = false) String text, @RequestParam(required = false) String note,
                Principal who, Locale locale, HttpServletResponse response, Model model, RedirectAttributes result) {
        if (!DirectoryData.FILES.contains(file)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("problems", java.util.List.of("Not a directory file: " + file));
            model.addAttribute("text", text);
            return render(DirectoryData.FILES.getFirst(), data.currentVersion(), locale, model);
        }
        try {
            VersionedFiles.Version version = data.change(java.util.Map.of(file, text == null ? "" : text), who.getName(),
                    note == null || note.isBlank() ? "edited " + file + " on the staff page" : note.strip());
            result.addFlashAttribute("saved", version.number());
            return "redirect:/staff/directory?file=" + file;
        } catch (DirectoryData.InvalidFilesException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("problems", Arrays.stream(e.getMessage().split("; ")).toList());
            model.addAttribute("text", text);
            model.addAttribute("note", note);
            return render(file, data.currentVersion(), locale, model);
        }
    }

    private String render(String file, VersionedFiles.Version live, Locale locale, Model model) {
        model.addAttribute("file", file);
        model.addAttribute("files", DirectoryData.FILES);
        model.addAttribute("version", live);
        model.addAttribute("versionAt", Languages.longDate(live.changedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                Languages.supported(locale)));
        model.addAttribute("history", data.history().stream().limit(20).toList());
        return "staff-directory";
    }
}
