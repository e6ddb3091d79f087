package org.caseline.ivr.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited resampling of 16-bit mono audio to 8 kHz telephone audio: a windowed-sinc
 * interpolator that also filters out everything above 3.6 kHz, so speech synthesised at
 * 22.05 kHz does not alias into the phone band.
 *
 * <p>The filter is polyphase: each output sample falls at one of only {@code 8000 / gcd(rate, 8000)}
 * offsets between input samples (160 for espeak-ng's 22,050 Hz), so the taps for each offset are
 * computed once per input rate, and resampling is multiply-adds alone. Computing them for every
 * sample meant two trigonometric calls per tap, some ten million for one spoken case status: a
 * caller on a busy node heard a second of silence before it.
 */
final class Resampler {

    private static final int HALF_TAPS = 16;
    private static final int TAPS = 2 * HALF_TAPS;
    private static final double CUTOFF_HZ = 3600;
    /** Beyond this many offsets (an odd input rate), a table would cost more than it saves. */
    private static final int MAX_PHASES = 4000;

    /** The taps of each offset, per input rate. */
    private static final Map<Integer, double[][]> FILTERS = new ConcurrentHashMap<>();

    private Resampler() {
    }

    static short[] to8k(short[] in, int inRate) {
        if (inRate == 8000) {
            return in.clone();
        }
        int g = gcd(inRate, 8000);
        int phases = 8000 / g;
        double[][] filter = phases <= MAX_PHASES ? FILTERS.computeIfAbsent(inRate, r -> filter(r, phases)) : null;
        int outLength = (int) ((long) in.length * 8000 / inRate);
        short[] out = new short[outLength];
        for (int n = 0; n < outLength; n++) {
            long position = (long) n * inRate; // in 8000ths of an input sample: exact, no drift
            int centre = (int) (position / 8000);
            int offset = (int) (position % 8000);
            double[] taps = filter != null ? filter[offset / g] : taps(inRate, offset / 8000.0);
            int first = centre - HALF_TAPS + 1;
            double sum = 0;
            for (int j = 0; j < TAPS; j++) {
                int k = first + j;
                if (k >= 0 && k < in.length) {
                    sum += in[k] * taps[j];
                }
            }
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return out;
    }

    private static double[][] filter(int inRate, int phases) {
        double[][] filter = new double[phases][];
        for (int p = 0; p < phases; p++) {
            filter[p] = taps(inRate, (double) p / phases);
        }
        return filter;
    }

    /** The taps for an output sample {@code fraction} of an input sample past its centre one. */
    private static double[] taps(int inRate, double fraction) {
        double fc = Math.min(CUTOFF_HZ, 0.45 * Math.min(inRate, 8000)) / inRate; // cycles per input sample
        double[] taps = new double[TAPS];
        for (int j = 0; j < TAPS; j++) {
            double x = fraction + HALF_TAPS - 1 - j; // distance from the output instant to input sample j
            double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
            double window = 0.5 + 0.5 * Math.cos(Math.PI * x / HALF_TAPS); // Hann
            taps[j] = sinc * window;
        }
        return taps;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
