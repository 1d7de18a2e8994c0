package dev.livedesk.report;

import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Milestones;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The report's definitions as plain Java over conversations in memory: what the memory store answers, and the
 * reference the PostgreSQL store's SQL is tested against.
 */
public final class Tally {

    /** A conversation the assistant resolved counts as reopened when its customer is back within this long. */
    public static final Duration REOPEN_WINDOW = Duration.ofHours(24);

    private Tally() {
    }

    /** Whether the customer wrote anything: a conversation without is empty and counts in no figure but that. */
    public static boolean counted(Conversation conversation) {
        return conversation.milestones().lastCustomerMessageAt() != null;
    }

    /**
     * Whether a conversation that only the assistant had is over: resolved, or its customer has written nothing
     * since {@code quietSince}.
     */
    public static boolean ended(Conversation conversation, Instant quietSince) {
        return conversation.status() == ConversationStatus.RESOLVED
                || conversation.milestones().lastCustomerMessageAt().isBefore(quietSince);
    }

    /**
     * Whether the assistant resolved it and it came back: reopened (it then waited for a person), or the same
     * customer started another conversation within {@link #REOPEN_WINDOW} ({@code followedUp} answers that).
     */
    public static boolean reopened(Conversation conversation, Predicate<Conversation> followedUp) {
        Milestones milestones = conversation.milestones();
        return milestones.assistantResolvedAt() != null
                && (milestones.handedOff() || followedUp.test(conversation));
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

    /**
     * @param quietSince a conversation only the assistant had whose customer wrote nothing since has ended
     * @param followedUp whether another conversation of the same customer began within {@link #REOPEN_WINDOW} of
     *                   this one's resolution by the assistant
     */
    public static ConversationFigures figures(List<Conversation> conversations, Instant quietSince,
                                              Predicate<Conversation> followedUp) {
        List<Double> firstResponses = new ArrayList<>();
        List<Double> resolutions = new ArrayList<>();
        List<Integer> distribution = new ArrayList<>(Collections.nCopies(5, 0));
        int counted = 0;
        int handedOff = 0;
        int byAssistant = 0;
        int open = 0;
        int reopened = 0;
        long ratingSum = 0;
        int ratings = 0;
        for (Conversation conversation : conversations) {
            if (!counted(conversation)) {
                continue;
            }
            counted++;
            boolean withPeople = conversation.milestones().handedOff();
            handedOff += withPeople ? 1 : 0;
            if (!withPeople) {
                boolean over = ended(conversation, quietSince);
                byAssistant += over ? 1 : 0;
                open += over ? 0 : 1;
            }
            reopened += reopened(conversation, followedUp) ? 1 : 0;
            addIfPresent(firstResponses, firstResponseSeconds(conversation));
            addIfPresent(resolutions, resolutionSeconds(conversation));
            if (conversation.rating() != null) {
                int score = conversation.rating().score();
                ratingSum += score;
                ratings++;
                distribution.set(score - 1, distribution.get(score - 1) + 1);
            }
        }
        return new ConversationFigures(counted, conversations.size() - counted, handedOff, byAssistant, open,
                reopened, Spread.of(firstResponses), Spread.of(resolutions), ratingSum, ratings, distribution);
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

    /** The newest {@code limit} ratings of the conversations, newest first. */
    public static List<RecentRating> recentRatings(List<Conversation> conversations, int limit) {
        return conversations.stream().filter(conversation -> conversation.rating() != null)
                .sorted(Comparator.comparing((Conversation c) -> c.rating().ratedAt()).reversed()
                        .thenComparing(Conversation::id))
                .limit(limit)
                .map(c -> new RecentRating(c.id(), c.rating().score(), c.rating().comment(), c.rating().ratedAt(),
                        c.milestones().agentId()))
                .toList();
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
