package org.caseline.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests it refuses itself, before any servlet runs (an encoded slash
 * or NUL, a character that must be encoded): the API's {@code {"code", "message"}} on API paths,
 * a plain page in the site's look and the visitor's language elsewhere. Errors our application
 * answered (it wrote a body) pass untouched.
 */
public class RefusalValve extends ErrorReportValve {

    public RefusalValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String raw = request.getCoyoteRequest().requestURI().toString();
        // a request line Tomcat could not read has no path (nor headers): browsers encode what
        // must be encoded, so it came from a script, which reads JSON better than a page
        boolean unreadable = raw == null || raw.isEmpty();
        RejectedAddress reason = status != 400 ? null : unreadable ? RejectedAddress.CHARACTER : RejectedAddress.of(raw);
        try {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            if (unreadable || RejectedAddress.isApi(raw)) {
                response.setContentType("application/json");
                String message = reason != null ? reason.message() : Refusals.plain(status);
                write(response, "{\"code\":\"" + status + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            } else {
                response.setContentType("text/html");
                write(response, page(language(request), reason));
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone, or the response cannot take a body: nothing more to tell it
        }
    }

    private static void write(Response response, String body) throws IOException {
        Writer writer = response.getReporter();
        if (writer != null) {
            writer.write(body);
            response.finishResponse();
        }
    }

    /** Spanish when the address asks for it ({@code lang=es}) or the browser prefers it; English otherwise. */
    private static Locale language(Request request) {
        String query = request.getCoyoteRequest().queryString().toString();
        if (query != null && query.matches("(.*&)?lang=es(&.*)?")) {
            return Locale.forLanguageTag("es");
        }
        String accept = request.getHeader("Accept-Language");
        return accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("es") ? Locale.forLanguageTag("es") : Locale.ENGLISH;
    }

    private static String page(Locale language, RejectedAddress reason) {
        ResourceBundle texts = ResourceBundle.getBundle("messages", language);
        String title = texts.getString("error.title");
        String text = texts.getString(reason != null ? reason.messageKey() : "error.generic");
        return "<!DOCTYPE html><html lang=\"" + language.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + " | " + texts.getString("site.name") + "</title>"
                + "<link rel=\"stylesheet\" href=\"/uswds/css/uswds.min.css\"><link rel=\"stylesheet\" href=\"/css/caseline.css\">"
                + "</head><body><main id=\"main-content\" class=\"grid-container usa-section\">"
                + "<h1>" + title + "</h1><p class=\"usa-intro\">" + text + "</p>"
                + "<p><a class=\"usa-link\" href=\"/\">" + texts.getString("error.home") + "</a></p></main></body></html>";
    }
}
