package dev.livedesk.agent;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Agents go online in these tests, which would route every queued conversation of other tests; so they get an
 * application of their own, with a small capacity that is quick to fill.
 */
public class RoutingProfile implements QuarkusTestProfile {

    static final int CAPACITY = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("livedesk.routing.max-chats-per-agent", Integer.toString(CAPACITY));
    }
}
