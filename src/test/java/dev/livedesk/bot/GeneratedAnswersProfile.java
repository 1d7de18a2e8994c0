package dev.livedesk.bot;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The assistant on, with generated answers from {@link FakeLanguageModel}. */
public class GeneratedAnswersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("livedesk.bot.enabled", "true", "livedesk.bot.embeddings", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeLanguageModel.class));
    }
}
