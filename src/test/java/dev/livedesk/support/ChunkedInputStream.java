package dev.livedesk.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Decodes an HTTP/1.1 chunked body as it arrives; the end of the last chunk is the end of the stream. */
public final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private int remaining;
    private boolean finished;

    public ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (finished) {
            return -1;
        }
        if (remaining == 0) {
            String size = readLine(in);
            if (size == null) {
                finished = true;
                return -1;
            }
            int semicolon = size.indexOf(';');
            remaining = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (remaining == 0) {
                finished = true;
                return -1;
            }
        }
        int read = in.read(buffer, offset, Math.min(length, remaining));
        if (read == -1) {
            finished = true;
            return -1;
        }
        remaining -= read;
        if (remaining == 0) {
            readLine(in);
        }
        return read;
    }

    /** Reads one CRLF-terminated ASCII line, without its terminator; null at the end of the stream. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
