package dev.livedesk.stream;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small server socket buffers, so that a client that does not read has a real backlog after a few events. */
public class SmallSocketBuffersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("test.http.send-buffer-bytes", "8192");
    }
}
