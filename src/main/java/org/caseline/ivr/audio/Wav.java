package org.caseline.ivr.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.caseline.platform.audio.G711;

/** RIFF/WAVE files in and out: 16-bit PCM, mu-law or A-law, mono, any rate. */
final class Wav {

    static final class InvalidWavException extends IllegalArgumentException {
        InvalidWavException(String message) {
            super(message);
        }
    }

    record Pcm(short[] samples, int rate) {
    }

    private Wav() {
    }

    static Pcm read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new InvalidWavException("not a WAV file (no RIFF/WAVE header)");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= file.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                int length = size < 0 || body + size > file.length ? file.length - body : size;
                if (format < 0) {
                    throw new InvalidWavException("the WAV file has no format chunk before its data");
                }
                if (channels != 1) {
                    throw new InvalidWavException("the recording must be mono, not " + channels + " channels");
                }
                if (rate < 8000 || rate > 48000) {
                    throw new InvalidWavException("the sample rate must be between 8000 and 48000 Hz, not " + rate);
                }
                return new Pcm(samples(b, body, length, format, bits), rate);
            }
            pos = body + size + (size & 1);
            if (size < 0) {
                break;
            }
        }
        throw new InvalidWavException("the WAV file has no audio data");
    }

    private static short[] samples(ByteBuffer b, int start, int length, int format, int bits) {
        if (format == 1 && bits == 16) {
            short[] s = new short[length / 2];
            for (int i = 0; i < s.length; i++) {
                s[i] = b.getShort(start + 2 * i);
            }
            return s;
        }
        if ((format == 7 || format == 6) && bits == 8) {
            short[] s = new short[length];
            for (int i = 0; i < length; i++) {
                s[i] = format == 7 ? G711.ulawToLinear(b.get(start + i)) : G711.alawToLinear(b.get(start + i));
            }
            return s;
        }
        throw new InvalidWavException("the recording must be 16-bit PCM, mu-law or A-law (format " + format
                + ", " + bits + " bits is not)");
    }

    static byte[] toUlaw8k(Pcm pcm) {
        short[] samples = Resampler.to8k(pcm.samples(), pcm.rate());
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = G711.linearToUlaw(samples[i]);
        }
        return out;
    }

    /** An 8 kHz mu-law WAV file, for downloads and for checking what a caller hears. */
    static byte[] ulawFile(byte[] ulaw) {
        ByteBuffer b = ByteBuffer.allocate(44 + ulaw.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + ulaw.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 7).putShort((short) 1).putInt(8000).putInt(8000)
                .putShort((short) 1).putShort((short) 8);
        b.putInt(0x61746164).putInt(ulaw.length).put(ulaw);
        return b.array();
    }
}
