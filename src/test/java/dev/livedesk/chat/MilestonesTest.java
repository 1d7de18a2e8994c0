package dev.livedesk.chat;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The moments reports measure from, as the lifecycle and messages move them. */
class MilestonesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Message from(Sender sender, int seconds) {
        return new Message("m" + seconds, "c1", sender, "text", at(seconds), null);
    }

    @Test
    void aConversationOnlyTheAssistantHadWasNeverHandedOff() {
        Conversation bot = Conversation.open("c1", "cust", "Ann", null, ConversationStatus.BOT, T0)
                .after(from(Sender.customer("cust", "Ann"), 5)).after(from(Sender.bot(), 6))
                .moveTo(ConversationStatus.RESOLVED, null, at(30));
        assertThat(bot.milestones().handedOff()).isFalse();
        assertThat(bot.milestones().resolvedAt()).isEqualTo(at(30));
    }

    @Test
    void theFirstQueueingCountsAndLaterOnesDoNot() {
        Conversation conversation = Conversation.open("c1", "cust", "Ann", null, ConversationStatus.BOT, T0)
                .moveTo(ConversationStatus.QUEUED, null, at(10))
                .moveTo(ConversationStatus.ASSIGNED, "bob", at(20))
                .moveTo(ConversationStatus.QUEUED, null, at(30));
        assertThat(conversation.milestones().queuedAt()).isEqualTo(at(10));
        assertThat(conversation.milestones().agentId()).as("the last agent it was assigned to").isEqualTo("bob");
    }

    @Test
    void aConversationStartedInTheQueueWaitsFromItsStart() {
        assertThat(Conversation.open("c1", "cust", "Ann", null, ConversationStatus.QUEUED, T0).milestones().queuedAt())
                .isEqualTo(T0);
    }

    @Test
    void onlyTheFirstAgentMessageIsTheFirstResponse() {
        Conversation conversation = Conversation.open("c1", "cust", "Ann", null, ConversationStatus.QUEUED, T0)
                .after(from(Sender.system(), 1)).after(from(Sender.customer("cust", "Ann"), 2))
                .after(from(Sender.agent("bob", "Bob"), 40)).after(from(Sender.agent("alice", "Alice"), 50));
        assertThat(conversation.milestones().firstResponseAt()).isEqualTo(at(40));
        assertThat(conversation.milestones().firstResponderId()).isEqualTo("bob");
    }

    @Test
    void anAgentWritingToTheAssistantsConversationTakesItOverThen() {
        Conversation conversation = Conversation.open("c1", "cust", "Ann", null, ConversationStatus.BOT, T0)
                .after(from(Sender.agent("bob", "Bob"), 40));
        assertThat(conversation.milestones().queuedAt()).isEqualTo(at(40));
    }

    @Test
    void reopeningClearsTheResolutionAndResolvingAgainSetsIt() {
        Conversation conversation = Conversation.open("c1", "cust", "Ann", null, ConversationStatus.QUEUED, T0)
                .moveTo(ConversationStatus.RESOLVED, null, at(100))
                .moveTo(ConversationStatus.QUEUED, null, at(200));
        assertThat(conversation.milestones().resolvedAt()).isNull();
        assertThat(conversation.moveTo(ConversationStatus.RESOLVED, null, at(300)).milestones().resolvedAt())
                .isEqualTo(at(300));
    }
}
