package dev.livedesk.stream;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small stream caps and short-lived customer tokens, in an application of their own. */
public class StreamLimitsProfile implements QuarkusTestProfile {

    static final int PER_TOKEN = 2;
    static final int PER_ADDRESS = 5;
    static final int TOTAL = 7;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "livedesk.limits.streams-per-token", Integer.toString(PER_TOKEN),
                "livedesk.limits.streams-per-address", Integer.toString(PER_ADDRESS),
                "livedesk.limits.max-streams", Integer.toString(TOTAL),
                "livedesk.auth.customer-token-ttl", "3s");
    }
}
