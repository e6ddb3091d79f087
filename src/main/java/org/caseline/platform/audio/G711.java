package org.caseline.platform.audio;

/**
 * ITU-T G.711 companding: 16-bit linear samples to and from 8-bit mu-law (PCMU) and A-law
 * (PCMA). Prompts are kept in mu-law; a call that negotiated A-law gets each byte translated.
 */
public final class G711 {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final byte[] ULAW_TO_ALAW = new byte[256];
    private static final byte[] ALAW_TO_ULAW = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = decodeUlaw((byte) i);
            ALAW_TO_LINEAR[i] = decodeAlaw((byte) i);
        }
        for (int i = 0; i < 256; i++) {
            ULAW_TO_ALAW[i] = linearToAlaw(ULAW_TO_LINEAR[i]);
            ALAW_TO_ULAW[i] = linearToUlaw(ALAW_TO_LINEAR[i]);
        }
    }

    /** Mu-law silence: what a paused stream carries. */
    public static final byte ULAW_SILENCE = (byte) 0xFF;

    private G711() {
    }

    public static byte linearToUlaw(int sample) {
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short ulawToLinear(byte ulaw) {
        return ULAW_TO_LINEAR[ulaw & 0xFF];
    }

    public static short alawToLinear(byte alaw) {
        return ALAW_TO_LINEAR[alaw & 0xFF];
    }

    public static byte ulawToAlaw(byte ulaw) {
        return ULAW_TO_ALAW[ulaw & 0xFF];
    }

    public static byte alawToUlaw(byte alaw) {
        return ALAW_TO_ULAW[alaw & 0xFF];
    }

    public static byte linearToAlaw(int sample) {
        int sign = sample >= 0 ? 0x80 : 0;
        if (sample < 0) {
            sample = -sample - 1;
        }
        if (sample > 32767) {
            sample = 32767;
        }
        int exponent;
        int mantissa;
        if (sample < 256) {
            exponent = 0;
            mantissa = sample >> 4;
        } else {
            exponent = 7;
            for (int mask = 0x4000; (sample & mask) == 0 && exponent > 1; mask >>= 1) {
                exponent--;
            }
            mantissa = (sample >> (exponent + 3)) & 0x0F;
        }
        return (byte) ((sign | (exponent << 4) | mantissa) ^ 0x55);
    }

    private static short decodeUlaw(byte b) {
        int u = ~b & 0xFF;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int sample = (((mantissa << 3) + BIAS) << exponent) - BIAS;
        return (short) (sign != 0 ? -sample : sample);
    }

    private static short decodeAlaw(byte b) {
        int a = (b & 0xFF) ^ 0x55;
        int sign = a & 0x80;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int sample = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) (sign != 0 ? sample : -sample);
    }
}
