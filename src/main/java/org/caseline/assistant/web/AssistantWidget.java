package org.caseline.assistant.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the assistant on every public page (the layout shows it when {@code assistantWidget} is
 * true); staff pages, where agents work, and the sign-in pages have none.
 */
@ControllerAdvice(annotations = Controller.class)
class AssistantWidget {

    @ModelAttribute("assistantWidget")
    boolean assistantWidget(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && !path.startsWith("/staff") && !path.startsWith("/login") && !path.startsWith("/api/");
    }
}
