package dev.livedesk.web;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The product as customers meet it: assistant on, agents going online; an application of its own. */
public class BrowserProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("livedesk.bot.enabled", "true", "livedesk.typing.timeout", "6s");
    }
}
