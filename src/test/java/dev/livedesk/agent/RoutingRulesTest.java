package dev.livedesk.agent;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing rules on their own, without a store or Quarkus. */
class RoutingRulesTest {

    @Test
    void theLeastBusyCandidateGetsTheConversation() {
        assertThat(Routing.pick(List.of("alice", "bob"), Map.of("alice", 2, "bob", 1), Map.of(), 5)).contains("bob");
    }

    @Test
    void amongEquallyBusyTheOneWhoGotOneLeastRecentlyWinsThenTheId() {
        assertThat(Routing.pick(List.of("alice", "bob"), Map.of(), Map.of("alice", 2L, "bob", 1L), 5)).contains("bob");
        assertThat(Routing.pick(List.of("bob", "alice"), Map.of(), Map.of(), 5)).contains("alice");
    }

    @Test
    void nobodyIsFilledPastCapacity() {
        assertThat(Routing.pick(List.of("alice", "bob"), Map.of("alice", 5, "bob", 4), Map.of(), 5)).contains("bob");
        assertThat(Routing.pick(List.of("alice", "bob"), Map.of("alice", 5, "bob", 5), Map.of(), 5)).isEmpty();
        assertThat(Routing.pick(List.of(), Map.of(), Map.of(), 5)).isEmpty();
    }
}
