package org.caseline.analytics;

/**
 * Queueing arithmetic for staffing: Erlang C (callers wait as long as it takes) and Erlang A
 * (callers give up after an exponentially distributed patience, Palm's M/M/N+M).
 *
 * <p>Nothing here forms a factorial or a power of the traffic: Erlang C comes from the Erlang B
 * recursion, which stays between 0 and 1 for any number of agents, and Erlang A's state
 * probabilities are summed in logarithms, so thousands of agents and contacts are fine.
 *
 * <p>Service level is the share of <em>all</em> contacts offered that are answered within the
 * target: a caller who gives up counts against it. That is the stricter of the definitions in
 * use, and the one the reports compute from history, so forecast and history compare.
 */
public final class Erlang {

    /** Above this many agents or contacts an interval, the question is not a contact center's. */
    static final int MAX_AGENTS = 20_000;

    private Erlang() {
    }

    /**
     * What {@code agents} achieve on {@code traffic} erlangs (arrival rate × handle time).
     * {@code abandonmentProbability} is 0 under Erlang C.
     */
    public record Result(int agents, double serviceLevel, double probabilityOfWaiting, double averageSpeedOfAnswerSeconds,
                         double occupancy, double abandonmentProbability) {
    }

    /** Offered load in erlangs: contacts in an interval times their handle time, over the interval. */
    public static double traffic(double contacts, double intervalSeconds, double handleSeconds) {
        return contacts * handleSeconds / intervalSeconds;
    }

    /** Erlang B, the blocking probability of {@code agents} servers, by the stable recursion B(n) = A·B(n−1) / (n + A·B(n−1)). */
    static double erlangB(int agents, double traffic) {
        double b = 1.0;
        for (int n = 1; n <= agents; n++) {
            b = traffic * b / (n + traffic * b);
        }
        return b;
    }

    /** Erlang C: the probability that a contact waits at all; 1 when the agents cannot keep up. */
    static double erlangC(int agents, double traffic) {
        if (agents <= traffic) {
            return 1.0;
        }
        double b = erlangB(agents, traffic);
        return agents * b / (agents - traffic * (1 - b));
    }

    /** Erlang C at {@code agents}: nobody abandons, so every contact is answered at last. */
    public static Result erlangC(int agents, double traffic, double handleSeconds, double targetSeconds) {
        if (agents <= traffic) {
            return new Result(agents, 0, 1, Double.POSITIVE_INFINITY, 1, 0);
        }
        double waits = erlangC(agents, traffic);
        double serviceLevel = 1 - waits * Math.exp(-(agents - traffic) * targetSeconds / handleSeconds);
        double asa = waits * handleSeconds / (agents - traffic);
        return new Result(agents, serviceLevel, waits, asa, traffic / agents, 0);
    }

    /**
     * Erlang A at {@code agents}: contacts arrive at rate λ, are served at rate μ = 1/handle, and
     * give up waiting at rate θ = 1/patience. The stationary distribution of the number in the
     * system is that of a birth-death chain; an arriving contact sees it (arrivals are Poisson).
     * A contact that finds j others waiting is answered once j+1 places have opened ahead of it
     * (an agent freed, at rate Nμ, or someone ahead giving up, at iθ) before its own patience runs
     * out: that race is solved by uniformisation, for all j at once.
     */
    public static Result erlangA(int agents, double traffic, double handleSeconds, double targetSeconds, double patienceSeconds) {
        double mu = 1 / handleSeconds;
        double lambda = traffic * mu;
        double theta = 1 / patienceSeconds;
        // log of the unnormalised probability of n in the system: birth λ, death min(n, N)μ + max(0, n−N)θ
        double[] log = new double[agents + 64];
        double max = 0;
        int n = 0;
        while (true) {
            int next = n + 1;
            double death = Math.min(next, agents) * mu + Math.max(0, next - agents) * theta;
            if (next == log.length) {
                log = java.util.Arrays.copyOf(log, log.length * 2);
            }
            log[next] = log[n] + Math.log(lambda / death);
            max = Math.max(max, log[next]);
            n = next;
            // past the agents the terms fall once deaths outrun births; stop when they no longer count
            if (n > agents + 16 && death > lambda && log[n] < max - 40) {
                break;
            }
        }
        double total = 0;
        for (int k = 0; k <= n; k++) {
            total += Math.exp(log[k] - max);
        }
        int queued = n - agents + 1; // an arrival finds j = 0 .. queued-1 others waiting
        double[] finds = new double[queued];
        double waiting = 0;
        double queueLength = 0;
        for (int j = 0; j < queued; j++) {
            finds[j] = Math.exp(log[agents + j] - max) / total;
            waiting += finds[j];
            queueLength += j * finds[j];
        }
        double abandonment = theta * queueLength / lambda;

        // P(answered within the target | j ahead), by uniformisation of the race at rate `uniform`
        double freed = agents * mu;
        double uniform = freed + queued * theta;
        double mean = uniform * targetSeconds;
        double[] served = new double[queued];
        double[] within = new double[queued];
        int steps = (int) Math.ceil(mean + 12 * Math.sqrt(mean) + 30);
        double logWeight = -mean;
        for (int k = 1; k <= steps; k++) {
            double[] after = new double[queued];
            for (int j = 0; j < queued; j++) {
                double move = (freed + j * theta) / uniform;
                double stay = 1 - (freed + (j + 1) * theta) / uniform;
                after[j] = move * (j == 0 ? 1 : served[j - 1]) + stay * served[j];
            }
            served = after;
            logWeight += Math.log(mean) - Math.log(k);
            double weight = Math.exp(logWeight);
            for (int j = 0; j < queued; j++) {
                within[j] += weight * served[j];
            }
        }
        // Answered at all, and after how long: each of the j+1 steps is a race between the place
        // opening (rate r_i = Nμ + iθ) and the contact's own patience (θ); won, it took Exp(r_i + θ).
        double answeredWithin = 1 - waiting;
        double answered = 1 - waiting;
        double waitOfAnswered = 0;
        double wins = 1;
        double meanWait = 0;
        for (int j = 0; j < queued; j++) {
            double rate = freed + j * theta;
            wins *= rate / (rate + theta);
            meanWait += 1 / (rate + theta);
            answeredWithin += finds[j] * Math.min(within[j], wins);
            answered += finds[j] * wins;
            waitOfAnswered += finds[j] * wins * meanWait;
        }
        double asa = answered <= 0 ? Double.POSITIVE_INFINITY : waitOfAnswered / answered;
        double occupancy = Math.min(1, traffic * (1 - abandonment) / agents);
        return new Result(agents, clamp(answeredWithin), clamp(waiting), asa, occupancy, clamp(abandonment));
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /**
     * The fewest agents whose service level reaches {@code serviceLevel} (by Erlang A when a
     * patience is given, else Erlang C); service level rises with agents, so a bisection finds it.
     */
    public static Result required(double traffic, double handleSeconds, double targetSeconds, double serviceLevel,
                                  Double patienceSeconds) {
        int low = patienceSeconds == null ? Math.max(1, (int) Math.floor(traffic) + 1) : 1;
        int high = Math.max(low, (int) Math.ceil(traffic + 10 * Math.sqrt(traffic) + 10));
        while (at(high, traffic, handleSeconds, targetSeconds, patienceSeconds).serviceLevel() < serviceLevel) {
            if (high >= MAX_AGENTS) {
                throw new IllegalArgumentException("No staffing up to " + MAX_AGENTS + " agents reaches that service level");
            }
            low = high;
            high = Math.min(MAX_AGENTS, high * 2);
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (at(mid, traffic, handleSeconds, targetSeconds, patienceSeconds).serviceLevel() >= serviceLevel) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return at(low, traffic, handleSeconds, targetSeconds, patienceSeconds);
    }

    public static Result at(int agents, double traffic, double handleSeconds, double targetSeconds, Double patienceSeconds) {
        return patienceSeconds == null ? erlangC(agents, traffic, handleSeconds, targetSeconds)
                : erlangA(agents, traffic, handleSeconds, targetSeconds, patienceSeconds);
    }
}
