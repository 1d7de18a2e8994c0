package dev.livedesk.chat;

import dev.livedesk.Clocks;
import dev.livedesk.error.DeskException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules a conversation keeps by itself. */
class ConversationTest {

    private final Conversation conversation = Conversation.open("c1", "cust", "Ann", null, ConversationStatus.QUEUED,
            Instant.parse("2026-11-30T10:00:00Z"));

    @Test
    void aReadMarkMovesForwardForOneSideOnly() {
        Conversation read = conversation.markRead(true, 7).orElseThrow();
        assertThat(read.agentReadUpTo()).isEqualTo(7);
        assertThat(read.customerReadUpTo()).isZero();
        Conversation both = read.markRead(false, 5).orElseThrow();
        assertThat(both.customerReadUpTo()).isEqualTo(5);
        assertThat(both.agentReadUpTo()).isEqualTo(7);
    }

    @Test
    void aReadMarkNeverMovesBack() {
        Conversation read = conversation.markRead(true, 7).orElseThrow();
        assertThat(read.markRead(true, 7)).isEmpty();
        assertThat(read.markRead(true, 3)).isEmpty();
    }

    @Test
    void onlyTheAssistantKeepsCountingMisses() {
        Conversation missed = conversation.moveTo(ConversationStatus.BOT, null, conversation.createdAt())
                .withBotMisses(1, conversation.createdAt());
        assertThat(missed.moveTo(ConversationStatus.BOT, null, missed.createdAt()).botMisses()).isEqualTo(1);
        assertThat(missed.moveTo(ConversationStatus.QUEUED, null, missed.createdAt()).botMisses()).isZero();
    }

    @Test
    void theClockTicksInMicroseconds() {
        assertThat(Clocks.system().instant().getNano() % 1_000).isZero();
    }

    @Test
    void onlyAResolvedConversationIsRatedAndOnlyOnce() {
        Rating rating = Rating.of(5, "Great", conversation.createdAt());
        assertThatThrownBy(() -> conversation.rated(rating, conversation.createdAt()))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.code()).isEqualTo("not-resolved"));
        Conversation rated = conversation.moveTo(ConversationStatus.RESOLVED, null, conversation.createdAt())
                .rated(rating, conversation.createdAt());
        assertThat(rated.rating()).isEqualTo(rating);
        assertThatThrownBy(() -> rated.rated(rating, conversation.createdAt()))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.code()).isEqualTo("already-rated"));
    }

    @Test
    void aRatingIsOneToFiveWithAnOptionalCommentOfAtMostAThousandCharacters() {
        assertThat(Rating.of(1, "  ", conversation.createdAt()).comment()).isNull();
        for (Integer bad : new Integer[]{null, 0, 6}) {
            assertThatThrownBy(() -> Rating.of(bad, null, conversation.createdAt())).isInstanceOf(DeskException.class);
        }
        assertThatThrownBy(() -> Rating.of(3, "x".repeat(1001), conversation.createdAt()))
                .isInstanceOf(DeskException.class);
    }
}
