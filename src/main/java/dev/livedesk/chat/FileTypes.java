package dev.livedesk.chat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The file types customers and agents may send, recognised by their first bytes (OWASP: allow-list the types,
 * check the content, not the name or the declared type). SVG is not among them: it can carry script.
 */
public final class FileTypes {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /** How many leading bytes {@link #detect} needs. */
    public static final int HEAD = 12;

    private FileTypes() {
    }

    /** The content type of an allowed file, from its first bytes; empty for anything else. */
    public static Optional<String> detect(byte[] head) {
        if (startsWith(head, 0, PNG)) {
            return Optional.of("image/png");
        }
        if (startsWith(head, 0, JPEG)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(head, 0, GIF87) || startsWith(head, 0, GIF89)) {
            return Optional.of("image/gif");
        }
        if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP)) {
            return Optional.of("image/webp");
        }
        if (startsWith(head, 0, PDF)) {
            return Optional.of("application/pdf");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        return data.length >= at + prefix.length
                && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
