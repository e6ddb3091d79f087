package org.caseline.ivr;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.caseline.ivr.flow.FlowSet;
import org.caseline.ivr.flow.Node;
import org.caseline.support.MovableClock;
import org.caseline.support.CaseLineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated from the flow graph: from every line, press every key of every menu, key a receipt
 * that exists and one that does not, during and outside business hours, and follow each path
 * until it hangs up, transfers to a person or comes back to a menu it has been to.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class EveryPathTest {

    private static final String KNOWN_RECEIPT_KEYS = "3222590000101";  // EAC2590000101
    private static final String UNKNOWN_RECEIPT_KEYS = "1111111111111";

    @Autowired
    IvrService ivr;

    @Autowired
    FlowSet flows;

    @Autowired
    MovableClock clock;

    @AfterEach
    void realTime() {
        clock.set(ZonedDateTime.now());
    }

    @ParameterizedTest(name = "{0} at {1}:00 Eastern")
    @CsvSource({"18003755283, 10", "18003755283, 23", "18007671833, 10", "18772474645, 10", "18772474645, 18",
            "18663155718, 10", "18663155718, 23"})
    void everyPathEndsInAHangUpATransferOrAReturnToAMenu(String line, int hour) {
        clock.set(ZonedDateTime.of(2026, 11, 30, hour, 0, 0, 0, ZoneId.of("America/New_York")));
        Set<String> visitedWaits = new TreeSet<>();
        int paths = 0;
        Deque<List<String>> todo = new ArrayDeque<>();
        todo.add(List.of());
        while (!todo.isEmpty()) {
            List<String> keys = todo.pop();
            var replay = replay(line, keys);
            IvrService.Turn turn = replay.last();
            assertThat(turn.outcome()).as("path %s", keys).isNotEqualTo("ERROR");
            if (turn.state() != IvrService.State.IN_PROGRESS) {
                paths++;
                continue;
            }
            String wait = turn.flow() + ":" + turn.node();
            visitedWaits.add(wait);
            if (replay.waits().subList(0, replay.waits().size() - 1).contains(wait)) {
                paths++; // back at a menu this path has been to
                ivr.hangUp(turn.callId());
                continue;
            }
            ivr.hangUp(turn.callId());
            assertThat(keys.size()).as("path %s is too long", keys).isLessThan(12);
            for (String next : nextKeys(flows.node(new FlowSet.Position(turn.flow(), turn.node())))) {
                List<String> longer = new ArrayList<>(keys);
                longer.add(next);
                todo.add(longer);
            }
        }
        assertThat(paths).isGreaterThan(10);
        assertThat(visitedWaits).anyMatch(w -> w.endsWith("enter-receipt"));
    }

    private record Replay(IvrService.Turn last, List<String> waits) {
    }

    private Replay replay(String line, List<String> keys) {
        IvrService.Turn turn = ivr.start(line, "test", "TEST", null);
        List<String> waits = new ArrayList<>();
        waits.add(turn.flow() + ":" + turn.node());
        for (String k : keys) {
            turn = ivr.keys(turn.callId(), k);
            waits.add(turn.flow() + ":" + turn.node());
        }
        return new Replay(turn, waits);
    }

    /** What a caller can do where the call waits: every option, the repeat key, or an entry. */
    private static List<String> nextKeys(Node node) {
        return switch (node) {
            case Node.Menu menu -> {
                List<String> keys = new ArrayList<>(menu.options().keySet());
                if (menu.repeatKey() != null) {
                    keys.add(menu.repeatKey());
                }
                yield keys;
            }
            case Node.Collect collect -> "receipt".equals(collect.kind())
                    ? List.of(KNOWN_RECEIPT_KEYS + "1", UNKNOWN_RECEIPT_KEYS, KNOWN_RECEIPT_KEYS + "2")
                    : List.of("1".repeat(collect.minDigits()) + "1");
            default -> throw new AssertionError("the call waits at " + node.id() + ", which takes no keys");
        };
    }
}
