package dev.livedesk.bot;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssistantThreadsTest {

    @Test
    void unsetTakesHalfTheProcessors() {
        assertThat(AssistantService.threads(OptionalInt.empty(), 8)).isEqualTo(4);
    }

    @Test
    void unsetOnOneProcessorStillRanks() {
        assertThat(AssistantService.threads(OptionalInt.empty(), 1)).isEqualTo(1);
    }

    @Test
    void configuredCountWins() {
        assertThat(AssistantService.threads(OptionalInt.of(6), 2)).isEqualTo(6);
    }

    @Test
    void fewerThanOneThreadIsRefusedByName() {
        assertThatThrownBy(() -> AssistantService.threads(OptionalInt.of(0), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("livedesk.bot.threads");
    }
}
