package dev.livedesk.chat;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small files and a short orphan lifetime, so size limits and clean-up show within a test. */
public class AttachmentProfile implements QuarkusTestProfile {

    static final int MAX_BYTES = 64 * 1024;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("livedesk.attachments.max-bytes", Integer.toString(MAX_BYTES),
                "livedesk.attachments.orphan-ttl", "1s");
    }
}
