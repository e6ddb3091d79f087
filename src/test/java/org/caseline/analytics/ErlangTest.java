package org.caseline.analytics;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ErlangTest {

    @Test
    void theTextbookExampleNeedsFourteenAgents() {
        // 100 calls in half an hour, 3 minutes each, 80 % within 20 s: the worked example published
        // with the Erlang C formula (10 erlangs; 13 agents reach 79.6 %, 14 reach 88.8 %)
        double traffic = Erlang.traffic(100, 1800, 180);
        assertThat(traffic).isEqualTo(10.0);

        Erlang.Result thirteen = Erlang.erlangC(13, traffic, 180, 20);
        assertThat(thirteen.serviceLevel()).isCloseTo(0.7956, within(1e-4));
        Erlang.Result fourteen = Erlang.required(traffic, 180, 20, 0.8, null);
        assertThat(fourteen.agents()).isEqualTo(14);
        assertThat(fourteen.probabilityOfWaiting()).isCloseTo(0.1741, within(1e-4));
        assertThat(fourteen.serviceLevel()).isCloseTo(0.8884, within(1e-4));
        assertThat(fourteen.averageSpeedOfAnswerSeconds()).isCloseTo(7.84, within(0.01));
        assertThat(fourteen.occupancy()).isCloseTo(10.0 / 14, within(1e-9));
    }

    @Test
    void aLargeCenterNeitherOverflowsNorDrifts() {
        // 2,500 contacts in 15 minutes of 5 minutes each: 833⅓ erlangs. The reference figures come
        // from the textbook formula evaluated in exact rational arithmetic (factorials and all).
        double traffic = Erlang.traffic(2500, 900, 300);
        Erlang.Result r = Erlang.erlangC(850, traffic, 300, 20);
        assertThat(r.probabilityOfWaiting()).isCloseTo(0.453140427, within(1e-7));
        assertThat(r.serviceLevel()).isCloseTo(0.850829349, within(1e-7));
        assertThat(r.averageSpeedOfAnswerSeconds()).isCloseTo(8.1565277, within(1e-5));

        Erlang.Result needed = Erlang.required(traffic, 300, 20, 0.8, null);
        assertThat(Erlang.erlangC(needed.agents() - 1, traffic, 300, 20).serviceLevel()).isLessThan(0.8);
        assertThat(needed.serviceLevel()).isGreaterThanOrEqualTo(0.8);
        assertThat(needed.agents()).isBetween(834, 850);
    }

    @Test
    void tooFewAgentsNeverCatchUp() {
        Erlang.Result r = Erlang.erlangC(10, 10.0, 180, 20);
        assertThat(r.serviceLevel()).isZero();
        assertThat(r.probabilityOfWaiting()).isEqualTo(1.0);
    }

    @Test
    void endlessPatienceIsErlangC() {
        Erlang.Result c = Erlang.erlangC(14, 10.0, 180, 20);
        Erlang.Result a = Erlang.erlangA(14, 10.0, 180, 20, 1e7);
        assertThat(a.serviceLevel()).isCloseTo(c.serviceLevel(), within(1e-4));
        assertThat(a.probabilityOfWaiting()).isCloseTo(c.probabilityOfWaiting(), within(1e-4));
        assertThat(a.averageSpeedOfAnswerSeconds()).isCloseTo(c.averageSpeedOfAnswerSeconds(), within(0.01));
        assertThat(a.abandonmentProbability()).isLessThan(1e-4);
    }

    @Test
    void erlangAMatchesASimulatedQueueWithImpatientCallers() {
        // 12 agents on 11 erlangs: Erlang C says they barely cope; callers who give up after two
        // minutes on average make the queue shorter and the service level better than that
        double traffic = 11, handle = 180, patience = 120, target = 20;
        Simulated sim = simulate(12, traffic, handle, patience, target, 600_000);
        Erlang.Result a = Erlang.erlangA(12, traffic, handle, target, patience);

        assertThat(a.serviceLevel()).isCloseTo(sim.serviceLevel, within(0.01));
        assertThat(a.abandonmentProbability()).isCloseTo(sim.abandoned, within(0.005));
        assertThat(a.probabilityOfWaiting()).isCloseTo(sim.waited, within(0.01));
        assertThat(a.averageSpeedOfAnswerSeconds()).isCloseTo(sim.asa, within(1.5));
        assertThat(a.serviceLevel()).isGreaterThan(Erlang.erlangC(12, traffic, handle, target).serviceLevel());
        // and with the patience known, fewer agents reach the target than Erlang C asks for
        assertThat(Erlang.required(traffic, handle, target, 0.8, patience).agents())
                .isLessThanOrEqualTo(Erlang.required(traffic, handle, target, 0.8, null).agents());
    }

    private record Simulated(double serviceLevel, double abandoned, double waited, double asa) {
    }

    /** First come, first served with N agents; one who would wait longer than their patience leaves without taking an agent. */
    private static Simulated simulate(int agents, double traffic, double handle, double patience, double target, int contacts) {
        SplittableRandom random = new SplittableRandom(15);
        double lambda = traffic / handle;
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int i = 0; i < agents; i++) {
            free.add(0.0);
        }
        double t = 0;
        int inTarget = 0, abandoned = 0, waited = 0, answered = 0;
        double waitSum = 0;
        for (int i = 0; i < contacts; i++) {
            t += -Math.log(1 - random.nextDouble()) / lambda;
            double giveUp = -Math.log(1 - random.nextDouble()) * patience;
            double start = Math.max(t, free.peek());
            double wait = start - t;
            if (wait > 0) {
                waited++;
            }
            if (wait > giveUp) {
                abandoned++;
                continue;
            }
            free.poll();
            free.add(start - Math.log(1 - random.nextDouble()) * handle);
            answered++;
            waitSum += wait;
            if (wait <= target) {
                inTarget++;
            }
        }
        return new Simulated((double) inTarget / contacts, (double) abandoned / contacts, (double) waited / contacts,
                waitSum / answered);
    }
}
