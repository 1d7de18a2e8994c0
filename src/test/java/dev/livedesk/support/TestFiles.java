package dev.livedesk.support;

import java.util.Base64;

/** Files tests upload. */
public final class TestFiles {

    /** A valid 1×1 PNG. */
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private TestFiles() {
    }
}
