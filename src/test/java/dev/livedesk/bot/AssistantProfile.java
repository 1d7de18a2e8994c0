package dev.livedesk.bot;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The assistant on, as in production; its own application, so that other tests count their events exactly. */
public class AssistantProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("livedesk.bot.enabled", "true", "livedesk.bot.embeddings", "true");
    }
}
