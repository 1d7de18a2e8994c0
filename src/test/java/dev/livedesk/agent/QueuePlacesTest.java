package dev.livedesk.agent;

import dev.livedesk.agent.QueuePlaces.Told;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueuePlacesTest {

    private final QueuePlaces places = new QueuePlaces();

    private static List<String> ids(List<Told> told) {
        return told.stream().map(Told::conversationId).toList();
    }

    @Test
    void theFirstPassTellsEveryoneTheirPlaceAndWait() {
        assertThat(places.next(List.of("a", "b"), 2, 60)).containsExactly(
                new Told("a", new QueuePosition(1, 30L, 2)), new Told("b", new QueuePosition(2, 60L, 2)));
    }

    @Test
    void nothingChangedTellsNobody() {
        places.next(List.of("a", "b"), 2, 60);
        assertThat(places.next(List.of("a", "b"), 2, 60)).isEmpty();
    }

    @Test
    void aCustomerJoiningTheEndIsTheOnlyOneTold() {
        places.next(List.of("a", "b"), 2, 60);
        assertThat(ids(places.next(List.of("a", "b", "c"), 2, 60))).containsExactly("c");
    }

    @Test
    void theHeadLeavingTellsEveryoneBehindTheirNewPlace() {
        places.next(List.of("a", "b", "c"), 1, 60);
        assertThat(places.next(List.of("b", "c"), 1, 60)).containsExactly(
                new Told("b", new QueuePosition(1, 60L, 1)), new Told("c", new QueuePosition(2, 120L, 1)));
    }

    @Test
    void anAgentComingOnlineTellsEveryoneTheNewWait() {
        places.next(List.of("a", "b"), 1, 60);
        assertThat(places.next(List.of("a", "b"), 2, 60)).containsExactly(
                new Told("a", new QueuePosition(1, 30L, 2)), new Told("b", new QueuePosition(2, 60L, 2)));
    }

    @Test
    void anAverageThatMovesOnlyInsideTheRoundedSecondTellsNobody() {
        places.next(List.of("a"), 1, 60.0);
        assertThat(places.next(List.of("a"), 1, 60.2)).isEmpty();
    }

    @Test
    void anAverageThatMovesTheRoundedWaitTellsThoseWhoseWaitChanged() {
        places.next(List.of("a", "b", "c"), 1, 60.2);
        assertThat(ids(places.next(List.of("a", "b", "c"), 1, 60.4))).containsExactly("b");
    }

    @Test
    void withNobodyOnlineTheWaitIsUnknown() {
        assertThat(places.next(List.of("a"), 0, 60)).containsExactly(new Told("a", new QueuePosition(1, null, 0)));
    }
}
