package dev.livedesk.stream;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A batch window long enough that events posted one after another by a test always fall into it. */
public class BatchWindowProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("livedesk.stream.batch-window", "1s");
    }
}
