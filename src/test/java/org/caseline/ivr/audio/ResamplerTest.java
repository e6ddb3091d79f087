package org.caseline.ivr.audio;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Speech synthesised at 22.05 kHz, brought to the phone's 8 kHz without aliasing. */
class ResamplerTest {

    private static short[] tone(double hz, int rate, double seconds, int amplitude) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    private static double rms(short[] s, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) s[i] * s[i];
        }
        return Math.sqrt(e / (to - from));
    }

    @Test
    void aToneInThePhoneBandPassesAtItsLevel() {
        short[] out = Resampler.to8k(tone(1000, 22050, 1, 10000), 22050);
        assertThat(out).hasSize(8000);
        assertThat(rms(out, 100, 7900)).isBetween(0.95 * 10000 / Math.sqrt(2), 1.05 * 10000 / Math.sqrt(2));
    }

    @Test
    void aToneAboveThePhoneBandIsFilteredOutRatherThanFoldedIntoIt() {
        // 5 kHz at 8 kHz would fold to 3 kHz: an audible whistle unless filtered
        short[] out = Resampler.to8k(tone(5000, 22050, 1, 10000), 22050);
        assertThat(rms(out, 100, 7900)).isLessThan(0.02 * 10000);
    }

    @Test
    void everyOutputSampleIsTheWindowedSincOfItsNeighbours() {
        Random random = new Random(7);
        short[] in = new short[22050];
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) (random.nextGaussian() * 6000);
        }
        for (int rate : new int[] {22050, 16000, 44100, 11025, 12345}) {
            short[] fast = Resampler.to8k(in, rate);
            short[] reference = direct(in, rate);
            assertThat(fast).as("%d Hz", rate).hasSameSizeAs(reference);
            for (int n = 0; n < fast.length; n++) {
                assertThat(Math.abs(fast[n] - reference[n])).as("%d Hz, sample %d", rate, n).isLessThanOrEqualTo(1);
            }
        }
    }

    /** The filter computed afresh at every sample: slow, and plainly the formula. */
    private static short[] direct(short[] in, int inRate) {
        double step = inRate / 8000.0;
        short[] out = new short[(int) ((long) in.length * 8000 / inRate)];
        double fc = Math.min(3600, 0.45 * Math.min(inRate, 8000)) / inRate;
        for (int n = 0; n < out.length; n++) {
            double t = n * step;
            int centre = (int) t;
            double sum = 0;
            for (int k = centre - 15; k <= centre + 16; k++) {
                if (k >= 0 && k < in.length) {
                    double x = t - k;
                    double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
                    sum += in[k] * sinc * (0.5 + 0.5 * Math.cos(Math.PI * x / 16));
                }
            }
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return out;
    }
}
