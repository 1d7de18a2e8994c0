package dev.livedesk.chat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueueOrderTest {

    private static Conversation queuedAt(String id, int second) {
        return Conversation.open(id, "cust", "Ann", null, ConversationStatus.QUEUED,
                Instant.parse("2026-11-30T10:00:00Z").plusSeconds(second));
    }

    private final List<Conversation> queue = List.of(queuedAt("c", 5), queuedAt("b", 1), queuedAt("a", 5));

    @Test
    void theLongestWaitingConversationIsServedFirstTiesById() {
        assertThat(QueueOrder.of(queue)).extracting(Conversation::id).containsExactly("b", "a", "c");
    }
}
