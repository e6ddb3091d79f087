package org.caseline.ivr;

import java.time.Duration;
import java.time.ZonedDateTime;

import org.caseline.ivr.records.CallRecords;
import org.caseline.support.MovableClock;
import org.caseline.support.CaseLineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A call whose driver went away without hanging up is ended, and recorded as abandoned. */
@CaseLineTest
@Import(MovableClock.Settable.class)
class IdleCallTest {

    @Autowired
    IvrService ivr;

    @Autowired
    CallRecords records;

    @Autowired
    MovableClock clock;

    @AfterEach
    void realTime() {
        clock.set(ZonedDateTime.now());
    }

    @Test
    void aCallSilentForTenMinutesIsEndedAsAbandonedWhereItWas() {
        ZonedDateTime start = ZonedDateTime.now();
        clock.set(start);
        String call = ivr.start("18003755283", "web", "SIMULATOR", null).callId();
        ivr.keys(call, "1");

        clock.set(start.plus(Duration.ofMinutes(11)));
        ((IvrCalls) ivr).endIdleCalls();

        assertThatThrownBy(() -> ivr.keys(call, "1")).isInstanceOf(IvrService.UnknownCallException.class);
        var record = records.find(call).orElseThrow();
        assertThat(record.outcome()).isEqualTo("ABANDONED");
        assertThat(record.outcomeDetail()).isEqualTo("main:main-menu");
    }

    @Test
    void aCallInUseIsLeftAlone() {
        ZonedDateTime start = ZonedDateTime.now();
        clock.set(start);
        String call = ivr.start("18003755283", "web", "SIMULATOR", null).callId();
        clock.set(start.plus(Duration.ofMinutes(9)));
        ivr.keys(call, "1");

        clock.set(start.plus(Duration.ofMinutes(12)));
        ((IvrCalls) ivr).endIdleCalls();

        assertThat(ivr.keys(call, "9").state()).isEqualTo(IvrService.State.IN_PROGRESS);
    }
}
