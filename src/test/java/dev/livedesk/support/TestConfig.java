package dev.livedesk.support;

import dev.livedesk.config.LiveDeskConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/**
 * A {@link LiveDeskConfig} built by SmallRye Config itself, without starting Quarkus: the mapping's defaults, with
 * the given keys over them, so that services and rules can be unit-tested with the configuration they run with.
 */
public final class TestConfig {

    private TestConfig() {
    }

    /** The defaults with these keys (full names, e.g. {@code livedesk.bot.enabled}) set. */
    public static LiveDeskConfig with(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(LiveDeskConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withDefaultValues(values)
                .build();
        return config.getConfigMapping(LiveDeskConfig.class);
    }

    public static LiveDeskConfig defaults() {
        return with(Map.of());
    }
}
