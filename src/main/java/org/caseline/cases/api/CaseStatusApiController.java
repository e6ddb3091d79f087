package org.caseline.cases.api;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.caseline.cases.CaseStatusRateLimit;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.CaseStatusView;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.platform.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.transaction.TransactionException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case status API, shaped like the agency's public Case Status API so that an existing client
 * works by changing only the host: same path, same 200 body (field names, order, one field a
 * line), same error bodies and codes.
 */
@Component
class CaseStatusApiController {

    private static final Logger log = LoggerFactory.getLogger(CaseStatusApiController.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MM-dd-yyyy HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /** Some clients read the body as text line by line, so it is always pretty-printed. */
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final CaseStatusService cases;
    private final CaseStatusRateLimit rateLimit;
    private final MessageSource messages;

    CaseStatusApiController(CaseStatusService cases, CaseStatusRateLimit rateLimit, MessageSource messages) {
        this.cases = cases;
        this.rateLimit = rateLimit;
        this.messages = messages;
    }

    /**
     * The hot path is a functional endpoint: it skips annotation-based argument and return-value
     * handling, which showed in the profile under load (see bench/RESULTS.md).
     */
    @Bean
    static RouterFunction<ServerResponse> caseStatusRoute(CaseStatusApiController api) {
        return RouterFunctions.route()
                .GET("/case-status/{receiptNumber}", api::caseStatus)
                .onError(e -> e instanceof DataAccessException || e instanceof TransactionException,
                        (e, request) -> api.unavailable((Exception) e))
                .build();
    }

    ServerResponse caseStatus(ServerRequest request) {
        String client = request.principal().map(java.security.Principal::getName).orElse("unknown");
        var decision = rateLimit.client(client);
        if (!decision.allowed()) {
            return error(HttpStatus.TOO_MANY_REQUESTS,
                    "Spike arrest violation: too many requests. Retry after " + decision.retryAfterSeconds() + " seconds.",
                    decision.retryAfterSeconds());
        }
        ReceiptNumber receipt;
        try {
            receipt = cases.parseReceipt(request.pathVariable("receiptNumber"));
        } catch (InvalidReceiptNumberException e) {
            String reason = e.describe(messages, Locale.ENGLISH);
            return error(HttpStatus.UNPROCESSABLE_CONTENT, "The receipt number is not formatted correctly. " + reason, 0);
        }
        var found = cases.findStatus(receipt);
        log.debug("Case status API: client {} asked for {} ({})", client, receipt.masked(),
                found.isPresent() ? "found" : "not found");
        return found
                .map(view -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(write(new Body(toApi(view), "Query was successful"))))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "The receipt number entered does not match any case. "
                        + "Check the number and try again, or call the Contact Center.", 0));
    }

    /** The database is out of reach: say so, as the agency's API does when it is unavailable. */
    ServerResponse unavailable(Exception e) {
        log.warn("Case status API unavailable: {}", e.getClass().getSimpleName());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "The service is unavailable. Please try again later.", 30);
    }

    private static CaseStatus toApi(CaseStatusView view) {
        ZoneId zone = view.zone();
        List<CaseStatusView.HistoryEntry> past = view.history().isEmpty()
                ? List.of() : view.history().subList(0, view.history().size() - 1);
        Instant submitted = view.history().isEmpty()
                ? view.receivedDate().atStartOfDay(zone).toInstant() : view.history().getFirst().at();
        return new CaseStatus(
                view.receipt().value(),
                view.form().number(),
                TIMESTAMP.format(submitted.atZone(zone)),
                TIMESTAMP.format(view.statusAt().atZone(zone)),
                view.title(Languages.ENGLISH),
                view.description(Languages.ENGLISH),
                view.title(Languages.SPANISH),
                view.description(Languages.SPANISH),
                past.isEmpty() ? null : past.stream().map(h -> new History(
                        DAY.format(h.at().atZone(zone)),
                        h.status().title().en(),
                        h.status().title().es())).toList());
    }

    static ServerResponse error(HttpStatus status, String message, long retryAfterSeconds) {
        var response = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
        if (retryAfterSeconds > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return response.body(write(new ErrorBody(Integer.toString(status.value()), message)));
    }

    static String write(Object body) {
        return PRETTY.writeValueAsString(body);
    }

    @JsonPropertyOrder({"case_status", "message"})
    record Body(@JsonProperty("case_status") CaseStatus caseStatus, String message) {
    }

    @JsonPropertyOrder({"receiptNumber", "formType", "submittedDate", "modifiedDate", "current_case_status_text_en",
            "current_case_status_desc_en", "current_case_status_text_es", "current_case_status_desc_es",
            "hist_case_status"})
    record CaseStatus(
            String receiptNumber,
            String formType,
            String submittedDate,
            String modifiedDate,
            @JsonProperty("current_case_status_text_en") String textEn,
            @JsonProperty("current_case_status_desc_en") String descEn,
            @JsonProperty("current_case_status_text_es") String textEs,
            @JsonProperty("current_case_status_desc_es") String descEs,
            @JsonProperty("hist_case_status") List<History> history) {
    }

    @JsonPropertyOrder({"date", "completed_text_en", "completed_text_es"})
    record History(String date,
                   @JsonProperty("completed_text_en") String textEn,
                   @JsonProperty("completed_text_es") String textEs) {
    }

    @JsonPropertyOrder({"code", "message"})
    record ErrorBody(String code, String message) {
    }
}
