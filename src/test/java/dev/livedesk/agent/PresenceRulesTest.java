package dev.livedesk.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The presence rules on their own, without a store or Quarkus. */
class PresenceRulesTest {

    private static AgentPresence presence(AgentStatus status, AgentStatus restore, int connections) {
        return new AgentPresence("alice", status, restore, connections);
    }

    @Test
    void aChosenStatusTakesEffectAndForgetsTheOneToRestore() {
        assertThat(PresenceRules.chosen(presence(AgentStatus.OFFLINE, AgentStatus.ONLINE, 1), AgentStatus.AWAY))
                .contains(presence(AgentStatus.AWAY, null, 1));
        assertThat(PresenceRules.chosen(presence(AgentStatus.OFFLINE, AgentStatus.ONLINE, 0), AgentStatus.OFFLINE))
                .contains(presence(AgentStatus.OFFLINE, null, 0));
    }

    @Test
    void choosingTheStatusOneHasChangesNothing() {
        assertThat(PresenceRules.chosen(presence(AgentStatus.ONLINE, null, 1), AgentStatus.ONLINE)).isEmpty();
    }

    @Test
    void theGracePeriodTakesAnAgentOfflineAndRemembersItsStatus() {
        assertThat(PresenceRules.graceExpired(presence(AgentStatus.AWAY, null, 0)))
                .contains(presence(AgentStatus.OFFLINE, AgentStatus.AWAY, 0));
    }

    @Test
    void theGracePeriodSparesAnAgentConnectedMeanwhileOrOfflineAlready() {
        assertThat(PresenceRules.graceExpired(presence(AgentStatus.ONLINE, null, 1))).isEmpty();
        assertThat(PresenceRules.graceExpired(presence(AgentStatus.OFFLINE, null, 0))).isEmpty();
    }

    @Test
    void reconnectingBringsTheRememberedStatusBack() {
        assertThat(PresenceRules.reconnected(presence(AgentStatus.OFFLINE, AgentStatus.ONLINE, 1)))
                .contains(presence(AgentStatus.ONLINE, null, 1));
        assertThat(PresenceRules.reconnected(presence(AgentStatus.AWAY, null, 1))).isEmpty();
    }
}
