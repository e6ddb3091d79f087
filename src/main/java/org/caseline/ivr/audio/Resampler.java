package org.caseline.ivr.audio;

/**
 * Band-limited resampling of 16-bit mono audio to 8 kHz telephone audio: a windowed-sinc
 * interpolator that also filters out everything above 3.6 kHz, so speech synthesised at
 * 22.05 kHz does not alias into the phone band.
 */
final class Resampler {

    private static final int HALF_TAPS = 16;
    private static final double CUTOFF_HZ = 3600;

    private Resampler() {
    }

    static short[] to8k(short[] in, int inRate) {
        if (inRate == 8000) {
            return in.clone();
        }
        double step = inRate / 8000.0;
        int outLength = (int) (in.length / step);
        short[] out = new short[outLength];
        double fc = Math.min(CUTOFF_HZ, 0.45 * Math.min(inRate, 8000)) / inRate; // cycles per input sample
        for (int n = 0; n < outLength; n++) {
            double t = n * step;
            int centre = (int) t;
            double sum = 0;
            for (int k = centre - HALF_TAPS + 1; k <= centre + HALF_TAPS; k++) {
                if (k < 0 || k >= in.length) {
                    continue;
                }
                double x = t - k;
                double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
                double window = 0.5 + 0.5 * Math.cos(Math.PI * x / HALF_TAPS); // Hann
                sum += in[k] * sinc * window;
            }
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return out;
    }
}
