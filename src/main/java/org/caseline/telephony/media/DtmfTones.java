package org.caseline.telephony.media;

/**
 * In-band keypad tones (DTMF), for callers whose phone sends no telephone-events: Goertzel
 * filters at the eight DTMF frequencies over blocks of 205 samples (8 kHz), a key when one row
 * and one column tone stand out in two blocks running, released by a block without one.
 */
final class DtmfTones {

    private static final int BLOCK = 205;
    private static final double[] FREQUENCIES = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
            {'1', '2', '3', 'A'},
            {'4', '5', '6', 'B'},
            {'7', '8', '9', 'C'},
            {'*', '0', '#', 'D'}};
    private static final double[] COEFFICIENTS = new double[8];
    /** Tone power below this (about -30 dBm0) is noise, not a key. */
    private static final double MIN_POWER = 4.0e5 * BLOCK * BLOCK / 4;

    static {
        for (int i = 0; i < 8; i++) {
            COEFFICIENTS[i] = 2 * Math.cos(2 * Math.PI * FREQUENCIES[i] / 8000);
        }
    }

    private final double[] s1 = new double[8];
    private final double[] s2 = new double[8];
    private int filled;
    private double energy;
    private char candidate;
    private char reported;

    /** Feeds samples; returns a key when one starts, else 0. */
    char accept(short[] samples, int length) {
        char result = 0;
        for (int n = 0; n < length; n++) {
            double x = samples[n];
            energy += x * x;
            for (int i = 0; i < 8; i++) {
                double s = x + COEFFICIENTS[i] * s1[i] - s2[i];
                s2[i] = s1[i];
                s1[i] = s;
            }
            if (++filled == BLOCK) {
                char key = blockKey();
                if (key != 0 && key == candidate && key != reported) {
                    reported = key;
                    result = key;
                } else if (key == 0) {
                    reported = 0;
                }
                candidate = key;
                filled = 0;
                energy = 0;
                java.util.Arrays.fill(s1, 0);
                java.util.Arrays.fill(s2, 0);
            }
        }
        return result;
    }

    private char blockKey() {
        double[] power = new double[8];
        for (int i = 0; i < 8; i++) {
            power[i] = s1[i] * s1[i] + s2[i] * s2[i] - COEFFICIENTS[i] * s1[i] * s2[i];
        }
        int row = strongest(power, 0);
        int col = strongest(power, 4);
        double rowPower = power[row];
        double colPower = power[col];
        if (rowPower < MIN_POWER || colPower < MIN_POWER) {
            return 0;
        }
        // twist: the two tones within 8 dB of each other
        if (rowPower > colPower * 6.3 || colPower > rowPower * 6.3) {
            return 0;
        }
        // every other DTMF frequency well below its group's peak
        for (int i = 0; i < 8; i++) {
            if (i != row && i != col && power[i] * 6.3 > (i < 4 ? rowPower : colPower)) {
                return 0;
            }
        }
        // the two tones carry most of the block's energy: speech and noise do not
        double toneEnergy = (rowPower + colPower) * 2 / BLOCK;
        if (toneEnergy < energy * 0.5) {
            return 0;
        }
        return KEYS[row][col - 4];
    }

    private static int strongest(double[] power, int from) {
        int best = from;
        for (int i = from + 1; i < from + 4; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        return best;
    }
}
