package dev.livedesk.chat;

import dev.livedesk.chat.Lifecycle.Assigner;
import dev.livedesk.chat.Lifecycle.Transition;
import dev.livedesk.error.DeskException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifecycle rules on their own, without a store or Quarkus. */
class LifecycleRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Assigner ALICE = new Assigner("alice", false);

    private static Conversation in(ConversationStatus status, String assignee) {
        return Conversation.open("c1", "cust", "Ann", null, status, NOW).moveTo(status, assignee, NOW);
    }

    @Test
    void aClaimTakesAConversationFromTheAssistantOrTheQueue() {
        for (ConversationStatus from : new ConversationStatus[]{ConversationStatus.BOT, ConversationStatus.QUEUED}) {
            assertThat(Lifecycle.assign(in(from, null), "alice", "Alice", ALICE, true)).contains(new Transition(
                    ConversationStatus.ASSIGNED, "alice", ConversationEvent.ASSIGNED, "Alice joined the conversation"));
        }
    }

    @Test
    void aReplyTakesAConversationFromTheAssistantOrTheQueue() {
        for (ConversationStatus from : new ConversationStatus[]{ConversationStatus.BOT, ConversationStatus.QUEUED}) {
            assertThat(Lifecycle.takeByReply(in(from, null), "alice", "Alice")).contains(new Transition(
                    ConversationStatus.ASSIGNED, "alice", ConversationEvent.ASSIGNED, "Alice joined the conversation"));
        }
    }

    @Test
    void aReplyLeavesAColleaguesOwnOrAResolvedConversationAsItIs() {
        assertThat(Lifecycle.takeByReply(in(ConversationStatus.ASSIGNED, "bob"), "alice", "Alice")).isEmpty();
        assertThat(Lifecycle.takeByReply(in(ConversationStatus.ASSIGNED, "alice"), "alice", "Alice")).isEmpty();
        assertThat(Lifecycle.takeByReply(in(ConversationStatus.RESOLVED, "bob"), "alice", "Alice")).isEmpty();
    }

    @Test
    void aClaimNeverTakesAColleaguesConversation() {
        assertThatThrownBy(() -> Lifecycle.assign(in(ConversationStatus.ASSIGNED, "bob"), "alice", "Alice", ALICE, true))
                .isInstanceOfSatisfying(DeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeskException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("already-assigned");
                });
    }

    @Test
    void aSupervisorMovesAColleaguesConversation() {
        assertThat(Lifecycle.assign(in(ConversationStatus.ASSIGNED, "bob"), "carol", "Carol",
                new Assigner("alice", true), false)).map(Transition::assigneeId).contains("carol");
    }

    @Test
    void anAgentTransfersTheirOwnConversation() {
        assertThat(Lifecycle.assign(in(ConversationStatus.ASSIGNED, "bob"), "carol", "Carol",
                new Assigner("bob", false), false)).map(Transition::assigneeId).contains("carol");
    }

    @Test
    void anAgentWhoIsNotASupervisorCannotMoveAColleaguesConversation() {
        assertThatThrownBy(() -> Lifecycle.assign(in(ConversationStatus.ASSIGNED, "bob"), "carol", "Carol",
                new Assigner("dave", false), false))
                .isInstanceOfSatisfying(DeskException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeskException.Kind.FORBIDDEN));
    }

    @Test
    void aSupervisorsClaimStillNeverTakesAColleaguesConversation() {
        assertThatThrownBy(() -> Lifecycle.assign(in(ConversationStatus.ASSIGNED, "bob"), "alice", "Alice",
                new Assigner("alice", true), true))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.code()).isEqualTo("already-assigned"));
    }

    @Test
    void assigningToTheAgentWhoHasItChangesNothing() {
        assertThat(Lifecycle.assign(in(ConversationStatus.ASSIGNED, "alice"), "alice", "Alice", ALICE, true)).isEmpty();
    }

    @Test
    void nobodyIsAssignedAResolvedConversation() {
        assertThatThrownBy(() -> Lifecycle.assign(in(ConversationStatus.RESOLVED, null), "alice", "Alice", ALICE, false))
                .isInstanceOfSatisfying(DeskException.class,
                        e -> assertThat(e.code()).isEqualTo("conversation-resolved"));
    }

    @Test
    void autoAssignmentTakesOnlyQueuedConversations() {
        assertThat(Lifecycle.assignIfQueued(in(ConversationStatus.QUEUED, null), "alice", "Alice")).isPresent();
        assertThat(Lifecycle.assignIfQueued(in(ConversationStatus.BOT, null), "alice", "Alice")).isEmpty();
        assertThat(Lifecycle.assignIfQueued(in(ConversationStatus.ASSIGNED, "bob"), "alice", "Alice")).isEmpty();
    }

    @Test
    void resolvingIsOnceOnly() {
        assertThat(Lifecycle.resolve(in(ConversationStatus.ASSIGNED, "alice"))).map(Transition::to)
                .contains(ConversationStatus.RESOLVED);
        assertThat(Lifecycle.resolve(in(ConversationStatus.RESOLVED, null))).isEmpty();
    }

    @Test
    void onlyTheAssistantHandsOffToTheQueue() {
        assertThat(Lifecycle.handOff(in(ConversationStatus.BOT, null))).map(Transition::change)
                .contains(ConversationEvent.QUEUED);
        assertThat(Lifecycle.handOff(in(ConversationStatus.ASSIGNED, "alice"))).isEmpty();
    }

    @Test
    void onlyAResolvedConversationReopensIntoTheQueue() {
        assertThat(Lifecycle.reopen(in(ConversationStatus.RESOLVED, null))).contains(new Transition(
                ConversationStatus.QUEUED, null, ConversationEvent.REOPENED, "Connecting you to an agent…"));
        assertThat(Lifecycle.reopen(in(ConversationStatus.QUEUED, null))).isEmpty();
    }
}
