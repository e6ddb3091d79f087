-- servicerequests: a case's requests of a type, closed ones included (how often a biometrics
-- appointment was rescheduled; a case's requests on its page): without it, filing read every request
create index service_request_by_case on service_request (receipt_number, type);
