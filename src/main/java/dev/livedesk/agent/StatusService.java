package dev.livedesk.agent;

import dev.livedesk.Threads;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.chat.ConversationMoved;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.config.LiveDeskConfig;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The public desk status: agents online, queue length and an estimated wait, published as an ephemeral
 * {@code status} event on the status stream whenever it changes; and each queued conversation's place and expected
 * wait, published as an ephemeral {@code queue} event on that conversation's stream whenever they change.
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
    private final BusinessHours hours;
    private final DeskStatus.OfflineMessage offlineMessage;
    /** Republishes when business hours begin or end, which no event announces. */
    private final MeterRegistry registry;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Threads.scheduler("livedesk-status");
    /** Whether a pass is due on the ticker that has not read the store yet: changes until then ride with it. */
    private final AtomicBoolean due = new AtomicBoolean();
    private final AtomicReference<Double> averageWaitSeconds = new AtomicReference<>((double) INITIAL_WAIT.toSeconds());
    private final AtomicReference<DeskStatus> published = new AtomicReference<>();
    /** What each queued conversation was last told; guarded by this service's monitor. */
    private final QueuePlaces places = new QueuePlaces();

    public StatusService(ConversationStore store, PresenceService presence, StreamHub hub, ChatEvents events,
                         LiveDeskConfig config, MeterRegistry registry, Clock clock) {
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
        Gauge.builder("livedesk.queue.length", () -> current().queueLength())
                .description("Conversations waiting for an agent").register(registry);
        Gauge.builder("livedesk.agents.online", () -> current().agentsOnline())
                .description("Agents whose status is ONLINE").register(registry);
        ticker.scheduleWithFixedDelay(this::publishOnSchedule, HOURS_CHECK.toSeconds(), HOURS_CHECK.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** The status now. */
    public DeskStatus current() {
        return current(store.queue().size());
    }

    private DeskStatus current(int queue) {
        Instant now = clock.instant();
        boolean open = hours.isOpen(now) && presence.atTheDesk() > 0;
        Instant opensAt = hours.nextOpening(now).orElse(null);
        List<AgentAccount> agents = presence.online();
        int online = agents.size();
        if (online == 0) {
            return new DeskStatus(0, queue, null, open, opensAt, offlineMessage);
        }
        Map<String, Integer> assigned = store.assignedCounts();
        long busy = agents.stream().mapToLong(agent -> assigned.getOrDefault(agent.id(), 0)).sum();
        if (queue == 0 && busy < online * maxChats) {
            return new DeskStatus(online, 0, 0L, open, opensAt, offlineMessage);
        }
        long estimate = Math.round(averageWaitSeconds.get() * (queue + 1) / online);
        return new DeskStatus(online, queue, estimate, open, opensAt, offlineMessage);
    }

    /** The current status as the JSON of a {@code status} event. */
    public String snapshot() {
        return events.encode(current());
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
        List<String> queue = store.queue();
        DeskStatus now = current(queue.size());
        if (!now.equals(published.getAndSet(now))) {
            hub.publishEphemeral(StreamKey.STATUS, "status", events.encode(now));
        }
        for (QueuePlaces.Told told : places.next(queue, now.agentsOnline(), averageWaitSeconds.get())) {
            hub.publishEphemeral(StreamKey.conversation(told.conversationId()), EventTypes.QUEUE,
                    events.encode(told.position()));
        }
    }
}
