package dev.livedesk.stream;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A server idle timeout far shorter than the heartbeat, and customer tokens that end streams soon, in an application
 * of its own: a stream that depended on the idle timer being reset by writes would be cut off.
 */
public class DedicatedConnectionsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.idle-timeout", "1s",
                "livedesk.stream.heartbeat", "30s",
                "livedesk.auth.customer-token-ttl", "5s");
    }
}
