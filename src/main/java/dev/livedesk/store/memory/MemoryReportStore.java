package dev.livedesk.store.memory;

import dev.livedesk.chat.Conversation;
import dev.livedesk.report.Activity;
import dev.livedesk.report.AgentFigures;
import dev.livedesk.report.ConversationFigures;
import dev.livedesk.report.ReportRow;
import dev.livedesk.report.RecentRating;
import dev.livedesk.report.ReportStore;
import dev.livedesk.report.Tally;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Reports over the memory store: a scan of its conversations, which is what one process holds anyway. */
final class MemoryReportStore implements ReportStore {

    private final MemoryConversationStore conversations;

    MemoryReportStore(MemoryConversationStore conversations) {
        this.conversations = conversations;
    }

    /** One scan of the range's conversations for all the reads. */
    @Override
    public Snapshot snapshot(Instant from, Instant to, Instant quietSince, Set<String> inboxIds) {
        List<Conversation> created = conversations.createdIn(from, to, inboxIds);
        return new Snapshot(Tally.figures(created, quietSince, this::followedUp), Tally.agents(created),
                activity(created, from, to, inboxIds), Tally.recentRatings(created, RECENT_RATINGS));
    }

    @Override
    public ConversationFigures figures(Instant from, Instant to, Instant quietSince, Set<String> inboxIds) {
        return Tally.figures(conversations.createdIn(from, to, inboxIds), quietSince, this::followedUp);
    }

    @Override
    public List<RecentRating> recentRatings(Instant from, Instant to, int limit, Set<String> inboxIds) {
        return Tally.recentRatings(conversations.createdIn(from, to, inboxIds), limit);
    }

    /** Whether the customer started another conversation within the reopen window of the assistant's resolution. */
    private boolean followedUp(Conversation conversation) {
        Instant resolved = conversation.milestones().assistantResolvedAt();
        Instant until = resolved.plus(Tally.REOPEN_WINDOW);
        return conversations.ofCustomer(conversation.customerId(), null).stream()
                .anyMatch(other -> !other.id().equals(conversation.id()) && other.createdAt().isAfter(resolved)
                        && !other.createdAt().isAfter(until));
    }

    @Override
    public List<AgentFigures> agents(Instant from, Instant to, Set<String> inboxIds) {
        return Tally.agents(conversations.createdIn(from, to, inboxIds));
    }

    @Override
    public List<Activity> activity(Instant from, Instant to, Set<String> inboxIds) {
        return activity(conversations.createdIn(from, to, inboxIds), from, to, inboxIds);
    }

    private List<Activity> activity(List<Conversation> created, Instant from, Instant to, Set<String> inboxIds) {
        Map<Long, int[]> quarters = new TreeMap<>();
        for (Conversation conversation : created) {
            quarters.computeIfAbsent(Tally.quarter(conversation.createdAt()), start -> new int[2])[0]++;
        }
        for (Instant sent : conversations.messagesSentIn(from, to, inboxIds)) {
            quarters.computeIfAbsent(Tally.quarter(sent), start -> new int[2])[1]++;
        }
        return quarters.entrySet().stream()
                .map(quarter -> new Activity(quarter.getKey(), quarter.getValue()[0], quarter.getValue()[1]))
                .toList();
    }

    @Override
    public void rows(Instant from, Instant to, Set<String> inboxIds, Consumer<ReportRow> row) {
        for (Conversation conversation : conversations.createdIn(from, to, inboxIds)) {
            row.accept(new ReportRow(conversation.id(), conversation.createdAt(), conversation.customerName(),
                    conversation.status().name(), conversation.milestones().agentId(), conversation.labels(),
                    Tally.firstResponseSeconds(conversation), Tally.resolutionSeconds(conversation),
                    conversation.rating() == null ? null : conversation.rating().score(),
                    conversation.rating() == null ? null : conversation.rating().comment()));
        }
    }
}
