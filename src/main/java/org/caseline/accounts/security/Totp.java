package org.caseline.accounts.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import org.apache.commons.codec.binary.Base32;

/**
 * Authenticator-app codes (TOTP, RFC 6238: 6 digits, 30 seconds, SHA-1, as every app reads them)
 * for applicants and staff alike: a new secret, the URI its QR code carries, and which time step
 * a typed code belongs to, so that the caller can accept each step once.
 */
public final class Totp {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();

    private Totp() {
    }

    /** 160 random bits, in the Base32 apps take typed in. */
    public static String newSecret() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        return new Base32().encodeToString(key).replace("=", "");
    }

    /** What the QR code carries: the app shows the account as "CaseLine: {@code account}". */
    public static String uri(String account, String secret) {
        return "otpauth://totp/CaseLine:" + URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20")
                + "?secret=" + secret + "&issuer=CaseLine&algorithm=SHA1&digits=6&period=30";
    }

    /** The time step whose code was typed (now, or one either side, for clocks that drift); empty when it is none. */
    public static OptionalLong step(String secret, String typed, Instant now) {
        if (secret == null || typed == null || !typed.strip().matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        var key = new SecretKeySpec(new Base32().decode(secret), "HmacSHA1");
        try {
            for (int offset = -1; offset <= 1; offset++) {
                Instant at = now.plus(Duration.ofSeconds(30L * offset));
                if (String.format("%06d", GENERATOR.generateOneTimePassword(key, at)).equals(typed.strip())) {
                    return OptionalLong.of(at.getEpochSecond() / 30);
                }
            }
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        return OptionalLong.empty();
    }

    /** The QR code of {@code content} as an SVG of its dark modules, to put in a page as is. */
    public static String qrSvg(String content) {
        try {
            BitMatrix m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0);
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-4 -4 " + (m.getWidth() + 8) + " " + (m.getHeight() + 8)
                    + "\" width=\"240\" height=\"240\" role=\"img\" aria-labelledby=\"qr-title\"><title id=\"qr-title\">QR</title>"
                    + "<rect x=\"-4\" y=\"-4\" width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }
}
