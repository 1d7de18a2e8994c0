package dev.livedesk.report;

import dev.livedesk.chat.Change;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Rating;
import dev.livedesk.chat.Sender;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.inbox.Inbox;
import dev.livedesk.store.Stores;
import dev.livedesk.report.RecentRating;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ReportStore} promises, on a seeded day whose figures were worked out by hand (see
 * {@link #seed}), run against each implementation.
 */
public abstract class ReportStoreContract extends StoresFixture {

    static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");
    static final Instant NEXT_DAY = Instant.parse("2026-11-03T00:00:00Z");

    protected ReportStoreContract(Storage storage) {
        super(storage);
    }

    static Instant at(String time) {
        return Instant.parse(time);
    }

    /**
     * One day of conversations (UTC 2026-11-02) and one just before it:
     * <pre>
     * c1 10:00 BOT, the customer asks, the assistant answers: never handed off, not resolved
     * c2 10:05 BOT, the customer asks, resolved 10:06, rated 5 ("Fast"): never handed off
     * c3 11:00 queued, the customer asks, bob takes it 11:00:30, answers 11:01 (first response 60 s), resolved 11:30
     *    (1,800 s), rated 4
     * c4 12:00 BOT, the customer asks, queued 12:02, alice takes it 12:03, answers 12:05 (180 s), resolved 13:00
     *    (3,600 s), rated 2
     * c5 23:30 queued, the customer asks, bob takes it 23:35, answers 23:40 (600 s), still open
     * c6 2026-11-01 23:59:59 queued, the customer asks, nobody answered: the day before in UTC, the same day in
     *    Shanghai (UTC+8)
     * </pre>
     */
    static void seed(Stores stores) {
        create(stores, "c1", ConversationStatus.BOT, "2026-11-02T10:00:00Z");
        message(stores, "c1", Sender.customer("cust-c1", "Ann"), "2026-11-02T10:00:10Z");
        message(stores, "c1", Sender.bot(), "2026-11-02T10:00:11Z");

        create(stores, "c2", ConversationStatus.BOT, "2026-11-02T10:05:00Z");
        asks(stores, "c2", "2026-11-02T10:05:10Z");
        change(stores, "c2", c -> c.moveTo(ConversationStatus.RESOLVED, null, at("2026-11-02T10:06:00Z")));
        rate(stores, "c2", 5, "Fast", "2026-11-02T10:07:00Z");

        create(stores, "c3", ConversationStatus.QUEUED, "2026-11-02T11:00:00Z");
        asks(stores, "c3", "2026-11-02T11:00:05Z");
        change(stores, "c3", c -> c.moveTo(ConversationStatus.ASSIGNED, "bob", at("2026-11-02T11:00:30Z")));
        message(stores, "c3", Sender.agent("bob", "Bob"), "2026-11-02T11:01:00Z");
        change(stores, "c3", c -> c.moveTo(ConversationStatus.RESOLVED, null, at("2026-11-02T11:30:00Z")));
        rate(stores, "c3", 4, "2026-11-02T11:31:00Z");

        create(stores, "c4", ConversationStatus.BOT, "2026-11-02T12:00:00Z");
        asks(stores, "c4", "2026-11-02T12:00:05Z");
        change(stores, "c4", c -> c.moveTo(ConversationStatus.QUEUED, null, at("2026-11-02T12:02:00Z")));
        change(stores, "c4", c -> c.moveTo(ConversationStatus.ASSIGNED, "alice", at("2026-11-02T12:03:00Z")));
        message(stores, "c4", Sender.agent("alice", "Alice"), "2026-11-02T12:05:00Z");
        change(stores, "c4", c -> c.moveTo(ConversationStatus.RESOLVED, null, at("2026-11-02T13:00:00Z")));
        rate(stores, "c4", 2, "2026-11-02T13:01:00Z");

        create(stores, "c5", ConversationStatus.QUEUED, "2026-11-02T23:30:00Z");
        asks(stores, "c5", "2026-11-02T23:30:05Z");
        change(stores, "c5", c -> c.moveTo(ConversationStatus.ASSIGNED, "bob", at("2026-11-02T23:35:00Z")));
        message(stores, "c5", Sender.agent("bob", "Bob"), "2026-11-02T23:40:00Z");

        create(stores, "c6", ConversationStatus.QUEUED, "2026-11-01T23:59:59Z");
        asks(stores, "c6", "2026-11-01T23:59:59.500Z");
    }

    private static void create(Stores stores, String id, ConversationStatus status, String time) {
        create(stores, id, "cust-" + id, status, time);
    }

    private static void create(Stores stores, String id, String customerId, ConversationStatus status, String time) {
        stores.conversations().createConversation(Conversation.open(id, customerId, "Customer " + id, null, status,
                at(time)), List.of(new EventDraft(EventTypes.CONVERSATION, id, "{}")));
    }

    /** The conversation's customer writes. */
    private static void asks(Stores stores, String id, String time) {
        message(stores, id, Sender.customer("cust-" + id, "Customer " + id), time);
    }

    private static void change(Stores stores, String id, UnaryOperator<Conversation> next) {
        stores.conversations().change(id, current -> Optional.of(new Change(next.apply(current), List.of(
                Change.Emit.event(new EventDraft(EventTypes.CONVERSATION, id, "{}"))))));
    }

    private static void message(Stores stores, String id, Sender sender, String time) {
        stores.conversations().appendMessage(new Message(id + "-" + time, id, sender, "text", at(time), null),
                new EventDraft(EventTypes.MESSAGE, id, "{}"));
    }

    private static void rate(Stores stores, String id, int score, String time) {
        rate(stores, id, score, null, time);
    }

    private static void rate(Stores stores, String id, int score, String comment, String time) {
        change(stores, id, c -> c.rated(new Rating(score, comment, at(time)), at(time)));
    }

    @Test
    void everyReadCanCoverSomeInboxesOnly() {
        Stores stores = stores();
        seed(stores);
        stores.conversations().createConversation(Conversation.open("b1", "cust-b1", "Customer b1", null,
                ConversationStatus.QUEUED, at("2026-11-02T10:00:00Z")).inInbox("shop-b"),
                List.of(new EventDraft(EventTypes.CONVERSATION, "b1", "{}")));
        asks(stores, "b1", "2026-11-02T10:00:05Z");
        change(stores, "b1", c -> c.moveTo(ConversationStatus.ASSIGNED, "carol", at("2026-11-02T10:00:30Z")));
        message(stores, "b1", Sender.agent("carol", "Carol"), "2026-11-02T10:01:00Z");
        ReportStore reports = elsewhere(stores).reports();
        Set<String> shopB = Set.of("shop-b");
        List<ReportRow> rows = new ArrayList<>();
        reports.rows(DAY, NEXT_DAY, shopB, rows::add);

        assertThat(reports.figures(DAY, NEXT_DAY, NEXT_DAY, shopB).conversations()).isEqualTo(1);
        assertThat(reports.figures(DAY, NEXT_DAY, NEXT_DAY, Set.of(Inbox.DEFAULT_ID)).conversations()).isEqualTo(5);
        assertThat(reports.figures(DAY, NEXT_DAY, NEXT_DAY, null).conversations()).isEqualTo(6);
        assertThat(rows).extracting(ReportRow::id).containsExactly("b1");
        assertThat(reports.agents(DAY, NEXT_DAY, shopB)).extracting(AgentFigures::agentId).containsExactly("carol");
        assertThat(reports.activity(DAY, NEXT_DAY, shopB)).containsExactly(
                new Activity(at("2026-11-02T10:00:00Z").getEpochSecond(), 1, 2));
        assertThat(reports.recentRatings(DAY, NEXT_DAY, 20, shopB)).isEmpty();
        assertThat(reports.snapshot(DAY, NEXT_DAY, NEXT_DAY, Set.of())).isEqualTo(new ReportStore.Snapshot(
                reports.figures(DAY, NEXT_DAY, NEXT_DAY, Set.of()), List.of(), List.of(), List.of()));
    }

    @Test
    void figuresOfADayAreTheHandComputedOnes() {
        Stores stores = stores();
        seed(stores);
        ConversationFigures figures = elsewhere(stores).reports().figures(DAY, NEXT_DAY, NEXT_DAY, null);
        assertThat(figures.conversations()).isEqualTo(5);
        assertThat(figures.empty()).isZero();
        assertThat(figures.handedOff()).as("c3, c4 and c5").isEqualTo(3);
        assertThat(figures.resolvedByAssistant()).as("c2 resolved, c1's customer quiet since").isEqualTo(2);
        assertThat(figures.open()).isZero();
        assertThat(figures.reopened()).isZero();
        assertThat(figures.firstResponse()).as("60, 180 and 600 s")
                .isEqualTo(new Spread(180.0, 516.0, List.of(0, 2, 1, 0, 0, 0, 0)));
        assertThat(figures.resolution()).as("1,800 and 3,600 s; c2 was never handed off")
                .isEqualTo(new Spread(2700.0, 3420.0, List.of(0, 0, 0, 1, 1, 0, 0)));
        assertThat(figures.ratingSum()).isEqualTo(11);
        assertThat(figures.ratings()).isEqualTo(3);
        assertThat(figures.ratingDistribution()).containsExactly(0, 1, 0, 1, 1);
    }

    @Test
    void aRangeInAnotherZoneTakesTheConversationsOfItsOwnDay() {
        Stores stores = stores();
        seed(stores);
        ConversationFigures shanghai = stores.reports().figures(at("2026-11-01T16:00:00Z"),
                at("2026-11-02T16:00:00Z"), NEXT_DAY, null);
        assertThat(shanghai.conversations()).as("c6 and c1 to c4").isEqualTo(5);
        assertThat(shanghai.handedOff()).as("c6, c3 and c4").isEqualTo(3);
        assertThat(shanghai.firstResponse().median()).as("60 and 180 s").isEqualTo(120.0);
    }

    @Test
    void anEmptyRangeHasNoFigures() {
        Stores stores = stores();
        seed(stores);
        ConversationFigures none = stores.reports().figures(at("2026-10-01T00:00:00Z"), at("2026-10-02T00:00:00Z"),
                NEXT_DAY, null);
        assertThat(none).isEqualTo(new ConversationFigures(0, 0, 0, 0, 0, 0, Spread.NONE, Spread.NONE, 0, 0,
                List.of(0, 0, 0, 0, 0)));
        assertThat(stores.reports().recentRatings(at("2026-10-01T00:00:00Z"), at("2026-10-02T00:00:00Z"), 20, null))
                .isEmpty();
        assertThat(stores.reports().agents(at("2026-10-01T00:00:00Z"), at("2026-10-02T00:00:00Z"), null)).isEmpty();
        assertThat(stores.reports().activity(at("2026-10-01T00:00:00Z"), at("2026-10-02T00:00:00Z"), null)).isEmpty();
    }

    @Test
    void agentsAreCountedByTheirConversationsAndFirstResponses() {
        Stores stores = stores();
        seed(stores);
        assertThat(elsewhere(stores).reports().agents(DAY, NEXT_DAY, null)).containsExactly(
                new AgentFigures("alice", 1, 180.0, 2, 1),
                new AgentFigures("bob", 2, 330.0, 4, 1));
    }

    @Test
    void activityIsCountedByQuarterHour() {
        Stores stores = stores();
        seed(stores);
        assertThat(elsewhere(stores).reports().activity(DAY, NEXT_DAY, null)).containsExactly(
                new Activity(at("2026-11-02T10:00:00Z").getEpochSecond(), 2, 3),
                new Activity(at("2026-11-02T11:00:00Z").getEpochSecond(), 1, 2),
                new Activity(at("2026-11-02T12:00:00Z").getEpochSecond(), 1, 2),
                new Activity(at("2026-11-02T23:30:00Z").getEpochSecond(), 1, 2));
    }

    @Test
    void rowsListEachConversationOfTheRangeOldestFirst() {
        Stores stores = stores();
        seed(stores);
        List<ReportRow> rows = new ArrayList<>();
        elsewhere(stores).reports().rows(DAY, NEXT_DAY, null, rows::add);
        assertThat(rows).extracting(ReportRow::id).containsExactly("c1", "c2", "c3", "c4", "c5");
        assertThat(rows.get(2)).isEqualTo(new ReportRow("c3", at("2026-11-02T11:00:00Z"), "Customer c3", "RESOLVED",
                "bob", List.of(), 60.0, 1800.0, 4, null));
        assertThat(rows.get(1)).isEqualTo(new ReportRow("c2", at("2026-11-02T10:05:00Z"), "Customer c2", "RESOLVED",
                null, List.of(), null, null, 5, "Fast"));
        assertThat(rows.get(0)).isEqualTo(new ReportRow("c1", at("2026-11-02T10:00:00Z"), "Customer c1", "BOT",
                null, List.of(), null, null, null, null));
    }

    @Test
    void aChangeIsInTheNextAnswer() {
        Stores stores = stores();
        seed(stores);
        create(stores, "c7", ConversationStatus.BOT, "2026-11-02T14:00:00Z");
        asks(stores, "c7", "2026-11-02T14:00:10Z");
        change(stores, "c7", c -> c.moveTo(ConversationStatus.RESOLVED, null, at("2026-11-02T14:01:00Z")));
        rate(stores, "c7", 1, "2026-11-02T14:02:00Z");
        ConversationFigures figures = elsewhere(stores).reports().figures(DAY, NEXT_DAY, NEXT_DAY, null);
        assertThat(figures.conversations()).isEqualTo(6);
        assertThat(figures.ratingDistribution()).containsExactly(1, 1, 0, 1, 1);
    }

    @Test
    void aSnapshotIsTheThreeReadsTogether() {
        Stores stores = stores();
        seed(stores);
        ReportStore reports = elsewhere(stores).reports();
        assertThat(reports.snapshot(DAY, NEXT_DAY, NEXT_DAY, null)).isEqualTo(new ReportStore.Snapshot(
                reports.figures(DAY, NEXT_DAY, NEXT_DAY, null), reports.agents(DAY, NEXT_DAY, null), reports.activity(DAY, NEXT_DAY, null),
                reports.recentRatings(DAY, NEXT_DAY, ReportStore.RECENT_RATINGS, null)));
    }

    @Test
    void aConversationOnlyTheAssistantHadIsOpenUntilItsCustomerHasBeenQuietLongEnough() {
        Stores stores = stores();
        seed(stores);

        ConversationFigures early = elsewhere(stores).reports().figures(DAY, NEXT_DAY, at("2026-11-02T10:00:05Z"), null);

        assertThat(early.resolvedByAssistant()).as("only c2, resolved").isEqualTo(1);
        assertThat(early.open()).as("c1, whose customer wrote at 10:00:10").isEqualTo(1);
    }

    @Test
    void recentRatingsAreTheNewestWithTheirCommentsAndAgents() {
        Stores stores = stores();
        seed(stores);

        assertThat(elsewhere(stores).reports().recentRatings(DAY, NEXT_DAY, 2, null)).containsExactly(
                new RecentRating("c4", 2, null, at("2026-11-02T13:01:00Z"), "alice"),
                new RecentRating("c3", 4, null, at("2026-11-02T11:31:00Z"), "bob"));
        assertThat(stores.reports().recentRatings(DAY, NEXT_DAY, 20, null)).extracting(RecentRating::conversationId)
                .containsExactly("c4", "c3", "c2");
        assertThat(stores.reports().recentRatings(DAY, NEXT_DAY, 20, null).get(2).comment()).isEqualTo("Fast");
    }

    /**
     * Another day (2026-11-05): d1 opened and never written in; d2 resolved by the assistant, and its customer back
     * with d3 the same evening; d4 resolved by the assistant, then written in again (reopened into the queue).
     */
    @Test
    void emptyConversationsCountNowhereElseAndTheAssistantsUndoneResolutionsAreReopened() {
        Stores stores = stores();
        create(stores, "d1", ConversationStatus.BOT, "2026-11-05T09:00:00Z");
        create(stores, "d2", "cust-d2", ConversationStatus.BOT, "2026-11-05T10:00:00Z");
        asks(stores, "d2", "2026-11-05T10:00:10Z");
        change(stores, "d2", c -> c.moveTo(ConversationStatus.RESOLVED, null, at("2026-11-05T10:01:00Z")));
        create(stores, "d3", "cust-d2", ConversationStatus.BOT, "2026-11-05T18:00:00Z");
        message(stores, "d3", Sender.customer("cust-d2", "Customer d2"), "2026-11-05T18:00:10Z");
        create(stores, "d4", ConversationStatus.BOT, "2026-11-05T12:00:00Z");
        asks(stores, "d4", "2026-11-05T12:00:10Z");
        change(stores, "d4", c -> c.moveTo(ConversationStatus.RESOLVED, null, at("2026-11-05T12:01:00Z")));
        asks(stores, "d4", "2026-11-05T12:30:00Z");
        change(stores, "d4", c -> c.moveTo(ConversationStatus.QUEUED, null, at("2026-11-05T12:30:00Z")));

        ConversationFigures figures = elsewhere(stores).reports().figures(at("2026-11-05T00:00:00Z"),
                at("2026-11-06T00:00:00Z"), at("2026-11-06T00:00:00Z"), null);

        assertThat(figures.conversations()).as("d2, d3 and d4").isEqualTo(3);
        assertThat(figures.empty()).as("d1").isEqualTo(1);
        assertThat(figures.handedOff()).as("d4").isEqualTo(1);
        assertThat(figures.resolvedByAssistant()).as("d2 resolved, d3 quiet").isEqualTo(2);
        assertThat(figures.open()).isZero();
        assertThat(figures.reopened()).as("d2 followed by d3, d4 reopened").isEqualTo(2);
    }
}
