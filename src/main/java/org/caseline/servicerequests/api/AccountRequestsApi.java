package org.caseline.servicerequests.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.accounts.Applicants;
import org.caseline.servicerequests.Channel;
import org.caseline.servicerequests.ServiceRequest;
import org.caseline.servicerequests.ServiceRequestRefused;
import org.caseline.servicerequests.ServiceRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account holder's service requests on their own linked cases ({@code /api/account/cases/{receipt}/service-requests}):
 * filed from the account (channel ACCOUNT) with the account's address to answer to, and listed.
 */
@RestController
class AccountRequestsApi {

    record Filing(String type, Map<String, String> fields, String phone) {
    }

    private final ServiceRequests requests;
    private final Applicants applicants;

    AccountRequestsApi(ServiceRequests requests, Applicants applicants) {
        this.requests = requests;
        this.applicants = applicants;
    }

    @PostMapping("/api/account/cases/{receipt}/service-requests")
    ResponseEntity<Map<String, Object>> file(@PathVariable String receipt, @RequestBody(required = false) Filing body, Authentication who) {
        UUID id = UUID.fromString(who.getName());
        var linked = applicants.linked(id, receipt).orElseThrow(() -> new ServiceRequestRefused(ServiceRequestRefused.Why.NOT_FOUND,
                "not-linked", "No case " + receipt + " is linked to your account."));
        if (body == null) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "body", "Send type and fields.");
        }
        var account = applicants.account(id).orElseThrow();
        var filed = requests.file(new ServiceRequests.Filing(body.type(), linked.receiptNumber(), body.fields(),
                new ServiceRequest.Requester(account.email(), account.email(), body.phone(), null, account.language()),
                Channel.ACCOUNT, "account:" + id, null, null));
        return RequestErrors.filed(filed);
    }

    @GetMapping("/api/account/cases/{receipt}/service-requests")
    Map<String, Object> list(@PathVariable String receipt, Authentication who) {
        UUID id = UUID.fromString(who.getName());
        var linked = applicants.linked(id, receipt).orElseThrow(() -> new ServiceRequestRefused(ServiceRequestRefused.Why.NOT_FOUND,
                "not-linked", "No case " + receipt + " is linked to your account."));
        List<Map<String, Object>> mine = requests.forCase(linked.receiptNumber()).stream().map(r -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("reference", r.reference().value());
            o.put("type", r.type());
            o.put("status", r.status().name());
            o.put("dueDate", r.dueDate().toString());
            o.put("answer", r.answer());
            o.put("outcome", r.outcome() == null ? null : r.outcome().name());
            return o;
        }).toList();
        return Map.of("receiptNumber", linked.receiptNumber(), "requests", mine);
    }
}
