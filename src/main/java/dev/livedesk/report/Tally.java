package dev.livedesk.report;

import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Milestones;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's definitions as plain Java over conversations in memory: what the memory store answers, and the
 * reference the PostgreSQL store's SQL is tested against.
 */
public final class Tally {

    private Tally() {
    }

    /** Seconds from entering the queue to the first agent message, or null when there was none. */
    public static Double firstResponseSeconds(Conversation conversation) {
        Milestones milestones = conversation.milestones();
        return milestones.firstResponseAt() == null ? null
                : seconds(milestones.queuedAt(), milestones.firstResponseAt());
    }

    /** Seconds from creation to resolution of a conversation a person had and that is resolved, or null. */
    public static Double resolutionSeconds(Conversation conversation) {
        Milestones milestones = conversation.milestones();
        return milestones.handedOff() && conversation.status() == ConversationStatus.RESOLVED
                && milestones.resolvedAt() != null
                ? seconds(conversation.createdAt(), milestones.resolvedAt()) : null;
    }

    public static ConversationFigures figures(List<Conversation> conversations) {
        List<Double> firstResponses = new ArrayList<>();
        List<Double> resolutions = new ArrayList<>();
        List<Integer> distribution = new ArrayList<>(Collections.nCopies(5, 0));
        int handedOff = 0;
        long ratingSum = 0;
        int ratings = 0;
        for (Conversation conversation : conversations) {
            handedOff += conversation.milestones().handedOff() ? 1 : 0;
            addIfPresent(firstResponses, firstResponseSeconds(conversation));
            addIfPresent(resolutions, resolutionSeconds(conversation));
            if (conversation.rating() != null) {
                int score = conversation.rating().score();
                ratingSum += score;
                ratings++;
                distribution.set(score - 1, distribution.get(score - 1) + 1);
            }
        }
        return new ConversationFigures(conversations.size(), handedOff, Spread.of(firstResponses),
                Spread.of(resolutions), ratingSum, ratings, distribution);
    }

    public static List<AgentFigures> agents(List<Conversation> conversations) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<Double>> responses = new TreeMap<>();
        for (Conversation conversation : conversations) {
            Milestones milestones = conversation.milestones();
            if (milestones.agentId() != null) {
                int[] agent = counts.computeIfAbsent(milestones.agentId(), id -> new int[3]);
                agent[0]++;
                if (conversation.rating() != null) {
                    agent[1] += conversation.rating().score();
                    agent[2]++;
                }
            }
            if (milestones.firstResponderId() != null) {
                responses.computeIfAbsent(milestones.firstResponderId(), id -> new ArrayList<>())
                        .add(firstResponseSeconds(conversation));
            }
        }
        Map<String, AgentFigures> figures = new TreeMap<>();
        counts.forEach((id, agent) -> figures.put(id, new AgentFigures(id, agent[0], null, agent[1], agent[2])));
        responses.forEach((id, seconds) -> {
            AgentFigures known = figures.getOrDefault(id, new AgentFigures(id, 0, null, 0, 0));
            figures.put(id, new AgentFigures(id, known.conversations(), Spread.of(seconds).median(),
                    known.ratingSum(), known.ratings()));
        });
        return List.copyOf(figures.values());
    }

    /** The quarter hour an instant falls in, as seconds since the epoch. */
    public static long quarter(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), Activity.QUARTER_SECONDS) * Activity.QUARTER_SECONDS;
    }

    private static void addIfPresent(List<Double> values, Double value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static double seconds(Instant from, Instant to) {
        Duration duration = Duration.between(from, to);
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
