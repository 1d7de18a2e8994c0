package dev.livedesk.report;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.EventLog;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the store's figures into the report team leads read: names, rates, averages and every hour of the range. */
@ApplicationScoped
public class ReportService {

    static final List<String> CSV_HEADER = List.of("id", "created", "customerName", "status", "assignee",
            "assigneeName", "labels", "firstResponseSeconds", "resolutionSeconds", "rating", "ratingComment");
    private static final long HOUR_SECONDS = 3_600;

    private final ReportStore store;
    private final AgentDirectory agents;
    private final EventLog events;
    private final Duration inactiveAfter;
    private final Clock clock;

    public ReportService(ReportStore store, AgentDirectory agents, EventLog events, LiveDeskConfig config,
                         Clock clock) {
        this.store = store;
        this.agents = agents;
        this.events = events;
        this.inactiveAfter = config.reports().inactiveAfter();
        this.clock = clock;
    }

    /** The figures of the range over the conversations of the given inboxes (null: every inbox). */
    public ReportSummary summary(ReportRange range, Set<String> inboxIds) {
        long lastEventId = events.lastEventId();
        Instant start = range.start();
        Instant end = range.end();
        ReportStore.Snapshot snapshot = store.snapshot(start, end, clock.instant().minus(inactiveAfter),
                inboxIds);
        ConversationFigures figures = snapshot.figures();
        int byAssistant = figures.resolvedByAssistant();
        Map<String, Integer> distribution = new LinkedHashMap<>();
        for (int score = 1; score <= 5; score++) {
            distribution.put(String.valueOf(score), figures.ratingDistribution().get(score - 1));
        }
        return new ReportSummary(range.from().toString(), range.to().toString(), range.zone().getId(),
                figures.conversations(), figures.empty(), byAssistant, figures.open(), figures.reopened(),
                figures.handedOff(),
                figures.conversations() == 0 ? 0 : (double) byAssistant / figures.conversations(),
                figures.firstResponse(), figures.resolution(),
                new ReportSummary.RatingFigures(average(figures.ratingSum(), figures.ratings()), figures.ratings(),
                        distribution, snapshot.recentRatings()),
                byAgent(snapshot.agents()), byHour(range, snapshot.activity()), lastEventId);
    }

    /**
     * Writes one CSV row per conversation of the given inboxes (null: every inbox) created in the range, oldest first,
     * after a header.
     */
    public void csv(ReportRange range, Set<String> inboxIds, Writer out) {
        try {
            out.write(Csv.line(CSV_HEADER));
            store.rows(range.start(), range.end(), inboxIds, row -> {
                try {
                    out.write(Csv.line(List.of(row.id(),
                            ZonedDateTime.ofInstant(row.createdAt(), range.zone()).toOffsetDateTime().toString(),
                            Optional.ofNullable(row.customerName()).orElse(""), row.status(),
                            Optional.ofNullable(row.agentId()).orElse(""), agentName(row.agentId()),
                            String.join(" ", row.labels()),
                            seconds(row.firstResponseSeconds()), seconds(row.resolutionSeconds()),
                            row.rating() == null ? "" : row.rating().toString(),
                            Optional.ofNullable(row.ratingComment()).orElse(""))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The display name of a configured agent; the id of one removed since; empty for none. */
    private String agentName(String agentId) {
        return agentId == null ? "" : agents.find(agentId).map(AgentAccount::displayName).orElse(agentId);
    }

    /** Every agent of the directory, then anyone else the figures name (an agent removed since). */
    private List<ReportSummary.Agent> byAgent(List<AgentFigures> figures) {
        Map<String, AgentFigures> byId = new LinkedHashMap<>();
        figures.forEach(agent -> byId.put(agent.agentId(), agent));
        List<ReportSummary.Agent> result = new ArrayList<>();
        for (AgentAccount account : agents.all()) {
            AgentFigures agent = byId.remove(account.id());
            result.add(agent(account.id(), account.displayName(),
                    agent == null ? new AgentFigures(account.id(), 0, null, 0, 0) : agent));
        }
        byId.values().forEach(agent -> result.add(agent(agent.agentId(), agent.agentId(), agent)));
        return result;
    }

    private static ReportSummary.Agent agent(String id, String name, AgentFigures figures) {
        return new ReportSummary.Agent(id, name, figures.conversations(),
                new ReportSummary.Median(figures.firstResponseMedian()),
                new ReportSummary.AgentRating(average(figures.ratingSum(), figures.ratings()), figures.ratings()));
    }

    /**
     * Adds the store's quarter hours up into the hours of the report's zone, all of them. Hours are counted from
     * the range's start in whole hours, which follows local hours across daylight-saving changes.
     */
    private static List<ReportSummary.Hour> byHour(ReportRange range, List<Activity> activity) {
        long start = range.start().getEpochSecond();
        int hours = (int) ((range.end().getEpochSecond() - start) / HOUR_SECONDS);
        int[] conversations = new int[hours];
        int[] messages = new int[hours];
        for (Activity quarter : activity) {
            int hour = (int) ((quarter.start() - start) / HOUR_SECONDS);
            if (hour >= 0 && hour < hours) {
                conversations[hour] += quarter.conversations();
                messages[hour] += quarter.messages();
            }
        }
        List<ReportSummary.Hour> result = new ArrayList<>(hours);
        for (int hour = 0; hour < hours; hour++) {
            Instant at = Instant.ofEpochSecond(start + hour * HOUR_SECONDS);
            result.add(new ReportSummary.Hour(ZonedDateTime.ofInstant(at, range.zone()).toOffsetDateTime().toString(),
                    conversations[hour], messages[hour]));
        }
        return result;
    }

    private static Double average(long sum, int count) {
        return count == 0 ? null : (double) sum / count;
    }

    private static String seconds(Double value) {
        return value == null ? ""
                : BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
