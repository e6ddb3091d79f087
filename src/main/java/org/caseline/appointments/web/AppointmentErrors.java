package org.caseline.appointments.web;

import java.util.Map;

import org.caseline.appointments.Appointments;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What appointments refuse, said the same way wherever it is asked (the staff API, the holder's,
 * the desk's): the status, a code, a plain message, and the next free slots when it was full.
 */
@RestControllerAdvice
class AppointmentErrors {

    @ExceptionHandler(Appointments.Refused.class)
    ResponseEntity<Map<String, Object>> refused(Appointments.Refused e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }
}
