package dev.livedesk.agent;

import dev.livedesk.Threads;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.chat.ConversationMoved;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.auth.InboxMemberships;
import dev.livedesk.inbox.BusinessHours;
import dev.livedesk.inbox.Inbox;
import dev.livedesk.inbox.InboxHours;
import dev.livedesk.inbox.InboxService;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StoreUnavailableException;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamHub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Each inbox's public desk status: its agents online, its queue's length and an estimated wait, and whether it is
 * open by its business hours (an inbox's own, else the configured ones), published as an ephemeral {@code status}
 * event on the inbox's status stream whenever it changes; and each queued conversation's place in its inbox's queue
 * and expected wait, published as an ephemeral {@code queue} event on that conversation's stream whenever they
 * change.
 *
 * <p>The wait estimate is the average time conversations recently waited in the queue (an exponentially weighted
 * mean, starting from {@link #INITIAL_WAIT}), scaled by how many are waiting per online agent; zero when an agent
 * has room now.
 *
 * <p>Both are worked out on a thread of this service's, at most {@link #GATHER} after a change, once for every change
 * in that time: a busy desk moves conversations many times a second, and a pass reads the whole queue and tells each
 * customer whose place changed, which on the mover's thread (a request, the assistant) made every move wait for
 * the previous one's pass.
 */
@Startup
@ApplicationScoped
public class StatusService {

    private static final Logger LOG = Logger.getLogger(StatusService.class);
    static final Duration INITIAL_WAIT = Duration.ofMinutes(2);
    private static final Duration HOURS_CHECK = Duration.ofSeconds(30);
    /** How long a pass waits for more changes to publish with the first. */
    private static final Duration GATHER = Duration.ofMillis(100);
    /** Weight of the newest observed wait in the running average. */
    private static final double WEIGHT = 0.2;

    private final ConversationStore store;
    private final PresenceService presence;
    private final StreamHub hub;
    private final ChatEvents events;
    private final int maxChats;
    private final InboxService inboxes;
    private final InboxMemberships memberships;
    /** The configured hours: an inbox's without its own. */
    private final BusinessHours hours;
    /** Each inbox's own hours, read once. */
    private final Map<InboxHours, BusinessHours> inboxHours = new ConcurrentHashMap<>();
    private final DeskStatus.OfflineMessage offlineMessage;
    /** Republishes when business hours begin or end, which no event announces. */
    private final MeterRegistry registry;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Threads.scheduler("livedesk-status");
    /** Whether a pass is due on the ticker that has not read the store yet: changes until then ride with it. */
    private final AtomicBoolean due = new AtomicBoolean();
    private final AtomicReference<Double> averageWaitSeconds = new AtomicReference<>((double) INITIAL_WAIT.toSeconds());
    /** What each inbox's status stream was told last, by inbox id. */
    private final Map<String, DeskStatus> published = new ConcurrentHashMap<>();
    /** What each queued conversation was last told, by inbox; guarded by this service's monitor. */
    private final Map<String, QueuePlaces> places = new HashMap<>();

    public StatusService(ConversationStore store, PresenceService presence, StreamHub hub, ChatEvents events,
                         InboxService inboxes, InboxMemberships memberships, LiveDeskConfig config,
                         MeterRegistry registry, Clock clock) {
        this.inboxes = inboxes;
        this.memberships = memberships;
        this.clock = clock;
        LiveDeskConfig.Hours hours = config.hours();
        this.hours = hours.weekly().map(weekly -> BusinessHours.parse(weekly, hours.timezone()))
                .orElse(BusinessHours.always(hours.timezone()));
        this.offlineMessage = new DeskStatus.OfflineMessage(hours.offlineMessage().en(), hours.offlineMessage().zh());
        this.store = store;
        this.presence = presence;
        this.hub = hub;
        this.events = events;
        this.registry = registry;
        this.maxChats = config.routing().maxChatsPerAgent();
    }

    /** Registers the gauges and starts the hours check once the service is whole: both read its fields. */
    @PostConstruct
    void start() {
        Gauge.builder("livedesk.queue.length", () -> store.queue().size())
                .description("Conversations waiting for an agent, in every inbox").register(registry);
        Gauge.builder("livedesk.agents.online", () -> presence.online().size())
                .description("Agents whose status is ONLINE").register(registry);
        ticker.scheduleWithFixedDelay(this::publishOnSchedule, HOURS_CHECK.toSeconds(), HOURS_CHECK.toSeconds(),
                TimeUnit.SECONDS);
    }

    /**
     * What one pass reads, once for every inbox: the queue with each conversation's inbox, who is ONLINE, who is at
     * the desk, and (read when first needed) how many conversations each agent holds.
     */
    private final class Reading {
        final List<ConversationStore.Queued> queue = store.queuedWithInboxes();
        final List<AgentAccount> online = presence.online();
        final Set<String> atTheDesk = presence.atTheDeskIds();
        private Map<String, Integer> assigned;

        Map<String, Integer> assigned() {
            if (assigned == null) {
                assigned = store.assignedCounts();
            }
            return assigned;
        }

        List<String> queueOf(String inboxId) {
            return queue.stream().filter(queued -> queued.inboxId().equals(inboxId)).map(ConversationStore.Queued::id)
                    .toList();
        }
    }

    /** The status of the inbox now. */
    public DeskStatus current(Inbox inbox) {
        Reading reading = new Reading();
        return statusOf(inbox, reading.queueOf(inbox.id()).size(), reading);
    }

    /** The inbox's status from a pass's reading, its queue as long as given. */
    private DeskStatus statusOf(Inbox inbox, int queue, Reading reading) {
        Instant now = clock.instant();
        BusinessHours inboxHours = hoursOf(inbox);
        boolean open = inboxHours.isOpen(now)
                && reading.atTheDesk.stream().anyMatch(agent -> memberships.isMember(agent, inbox.id()));
        Instant opensAt = inboxHours.nextOpening(now).orElse(null);
        List<AgentAccount> agents = reading.online.stream()
                .filter(agent -> memberships.isMember(agent.id(), inbox.id())).toList();
        int online = agents.size();
        if (online == 0) {
            return new DeskStatus(0, queue, null, open, opensAt, offlineMessage);
        }
        Map<String, Integer> assigned = reading.assigned();
        long busy = agents.stream().mapToLong(agent -> assigned.getOrDefault(agent.id(), 0)).sum();
        if (queue == 0 && busy < online * maxChats) {
            return new DeskStatus(online, 0, 0L, open, opensAt, offlineMessage);
        }
        long estimate = Math.round(averageWaitSeconds.get() * (queue + 1) / online);
        return new DeskStatus(online, queue, estimate, open, opensAt, offlineMessage);
    }

    /** The inbox's own business hours, or the configured ones. */
    private BusinessHours hoursOf(Inbox inbox) {
        InboxHours own = inbox.hours();
        return own == null ? hours
                : inboxHours.computeIfAbsent(own, given -> BusinessHours.parse(given.weekly(), ZoneId.of(given.timezone())));
    }

    /** The inbox's status now as the JSON of a {@code status} event. */
    public String snapshot(Inbox inbox) {
        return events.encode(current(inbox));
    }

    void onConversationMoved(@Observes ConversationMoved moved) {
        if (moved.before() != null && moved.before().status() == ConversationStatus.QUEUED
                && moved.conversation().status() == ConversationStatus.ASSIGNED) {
            double waited = Duration.between(moved.before().updatedAt(), moved.conversation().updatedAt()).toMillis()
                    / 1000.0;
            averageWaitSeconds.updateAndGet(average -> average + WEIGHT * (waited - average));
        }
        publishSoon();
    }

    void onPresenceChanged(@Observes PresenceChanged changed) {
        publishSoon();
    }

    private void publishSoon() {
        if (due.compareAndSet(false, true)) {
            try {
                ticker.schedule(() -> {
                    due.set(false);
                    publishOnSchedule();
                }, GATHER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                due.set(false);
            }
        }
    }

    /**
     * A pass on the ticker must outlive a failure: one that escaped would cancel every later hours check, and a
     * gathered pass has no caller to report to.
     */
    private void publishOnSchedule() {
        try {
            publishIfChanged();
        } catch (StoreUnavailableException e) {
            LOG.debugf("Desk status not checked: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Desk status not published");
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }

    private synchronized void publishIfChanged() {
        Reading reading = new Reading();
        for (Inbox inbox : inboxes.all()) {
            List<String> queue = reading.queueOf(inbox.id());
            DeskStatus now = statusOf(inbox, queue.size(), reading);
            if (!now.equals(published.put(inbox.id(), now))) {
                hub.publishEphemeral(StreamKey.status(inbox.id()), "status", events.encode(now));
            }
            QueuePlaces told = places.computeIfAbsent(inbox.id(), id -> new QueuePlaces());
            for (QueuePlaces.Told place : told.next(queue, now.agentsOnline(), averageWaitSeconds.get())) {
                hub.publishEphemeral(StreamKey.conversation(place.conversationId()), EventTypes.QUEUE,
                        events.encode(place.position()));
            }
        }
    }
}
