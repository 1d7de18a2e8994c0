package dev.livedesk.stream;

import dev.livedesk.Threads;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.Ephemeral;
import dev.livedesk.event.EphemeralBus;
import dev.livedesk.event.EventLog;
import dev.livedesk.event.Replay;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.event.StreamKey;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Keeps one channel per stream and delivers every committed event to each subscriber of its streams exactly once,
 * in id order.
 *
 * <p>All channel changes happen on one fan-out thread, fed by the store in commit order, which hands each event to
 * the event loops of its stream's subscribers in that order; each loop writes to its own connections, skipping
 * what a connection already has. A new subscriber replays history on its own request thread, then joins on the
 * fan-out thread: there it is sent what was dispatched while it replayed, up to exactly the last dispatched id, and
 * registered, so every later event is handed to its loop after it joined and every earlier one is below its
 * position. That makes the seam between replay and live free of gaps and duplicates without any lock.
 */
@Startup
@ApplicationScoped
public class StreamHub {

    private static final Logger LOG = Logger.getLogger(StreamHub.class);

    private final EventLog store;
    private final EphemeralBus bus;
    private final LiveDeskConfig.Stream settings;
    private final Map<StreamKey, StreamChannel> channels = new ConcurrentHashMap<>();
    private final ExecutorService fanout = Executors.newSingleThreadExecutor(Threads.daemon("livedesk-fanout"));
    /** Heartbeats and credential expiries. */
    private final ScheduledThreadPoolExecutor ticker = Threads.scheduler("livedesk-ticker");
    /**
     * A stream whose token is about to expire still gets this long: closing it sooner could end the response before
     * the request that opens it has completed.
     */
    private static final Duration MIN_EXPIRY_DELAY = Duration.ofSeconds(1);

    private final StreamMetrics metrics;
    private final FrameCache frames = new FrameCache();
    /** Every heartbeat's bytes, built once per hub (at run time, see {@link SseFrames#heartbeat()}). */
    private final Buffer heartbeat = SseFrames.heartbeat();
    /**
     * A replay goes out in writes of about this many bytes: few enough writes that a resume storm does not flood the
     * event loops with tasks, small enough that one write does not hold a large buffer per connection.
     */
    private static final int REPLAY_WRITE_BYTES = 64 * 1024;
    /**
     * Heartbeats go out in this many slices of their interval, each slice to the channels whose key falls in it, so
     * every stream still gets one per interval: sent to every stream at once, they would be thousands of writes in
     * one moment, and what was posted in that moment would arrive late.
     */
    static final int HEARTBEAT_SLICES = 15;
    /** The slice the next heartbeat tick serves; used only on the fan-out thread. */
    private int nextHeartbeatSlice;
    /** When a drain ends (System.nanoTime), or 0 when none runs; used only on the fan-out thread. */
    private long drainEndsAt;
    /** The id of the last event handed to the channels; written only on the fan-out thread. */
    private volatile long dispatchedUpTo;

    public StreamHub(LiveDeskConfig config, EventLog store, EphemeralBus bus, StreamMetrics metrics) {
        this.store = store;
        this.bus = bus;
        this.metrics = metrics;
        metrics.gaugeMaxPending(this::maxPending);
        metrics.gaugeOpenStreams(kind -> channels.values().stream()
                .filter(channel -> channel.kind() == kind).mapToInt(StreamChannel::size).sum());
        this.settings = config.stream();
        bus.addListener(this::onEphemeral);
        long start = store.addListener(this::onCommitted);
        onFanout(() -> dispatchedUpTo = Math.max(dispatchedUpTo, start));
        long sliceMillis = Math.max(1, settings.heartbeat().toMillis() / HEARTBEAT_SLICES);
        ticker.scheduleAtFixedRate(() -> onFanout(this::heartbeat), sliceMillis, sliceMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a stream on a request that is already authorized: sets the response headers, sends
     * {@code retry:}, replays what the client missed and then keeps it live. Call it on a worker thread.
     *
     * @param resumeAfter the last event id the client has, or null for the whole retained history
     * @param closeAt     when the stream's credential expires and the stream must end, or null
     * @param onGone      runs once when the stream is over, however it ends, also when this throws
     */
    public void open(StreamKey key, Long resumeAfter, HttpServerRequest request, Instant closeAt, Runnable onGone) {
        open(key, resumeAfter, request, closeAt, null, onGone);
    }

    /**
     * {@link #open} for a subscriber shown only the events of some inboxes, live and replayed (events of no inbox
     * reach everyone). {@code inboxes} is asked for each event of an inbox, on an event loop or the fan-out thread,
     * so it must answer from memory; it is asked again for every event, so that a change of membership applies to
     * the next one. Null shows every event.
     */
    public void open(StreamKey key, Long resumeAfter, HttpServerRequest request, Instant closeAt,
                     Predicate<String> inboxes, Runnable onGone) {
        Runnable gone = once(onGone);
        Subscriber subscriber = startOrGiveBack(key, request, closeAt, inboxes, gone);
        if (subscriber == null) {
            return;
        }
        try {
            long after = resumeAfter == null ? 0 : resumeAfter;
            if (after > store.lastEventId()) {
                subscriber.sendReplayed(resetEvent("unknown-event-id", after));
                after = 0;
            }
            subscriber.advanceTo(after);
            if (!replay(subscriber, dispatchedUpTo)) {
                end(subscriber);
                return;
            }
        } catch (RuntimeException storeFailed) {
            abandon(subscriber);
            throw storeFailed;
        }
        if (!onFanout(() -> join(subscriber))) {
            abandon(subscriber);
        }
    }

    /**
     * Starts a stream of snapshots only (no history, no ids): the subscriber's first event is {@code snapshot}
     * computed when it goes live, so no later change can be older than what it was shown. {@code onGone} runs once
     * however the stream ends, also when this throws.
     */
    public void openSnapshots(StreamKey key, HttpServerRequest request, String type, Supplier<String> snapshot,
                              Runnable onGone) {
        Subscriber subscriber = startOrGiveBack(key, request, null, null, once(onGone));
        if (subscriber == null) {
            return;
        }
        boolean accepted = onFanout(() -> {
            if (subscriber.sendReplayed(SseFrames.named(type, snapshot.get()))
                    != Subscriber.Outcome.SENT) {
                end(subscriber);
                return;
            }
            register(subscriber);
        });
        if (!accepted) {
            abandon(subscriber);
        }
    }

    /** {@link #start}, running {@code gone} before rethrowing when the stream cannot even start. */
    private Subscriber startOrGiveBack(StreamKey key, HttpServerRequest request, Instant closeAt,
                                       Predicate<String> inboxes, Runnable gone) {
        try {
            return start(key, request, closeAt, inboxes, gone);
        } catch (RuntimeException failed) {
            gone.run();
            throw failed;
        }
    }

    /** Runs {@code task} the first time it is called and never again. */
    private static Runnable once(Runnable task) {
        AtomicBoolean ran = new AtomicBoolean();
        return () -> {
            if (ran.compareAndSet(false, true)) {
                task.run();
            }
        };
    }

    /**
     * Sets the headers proxies and browsers need and sends {@code retry:}, which also flushes the response head at
     * once; arranges for the stream to end when its credential expires. Returns the subscriber, or null when the
     * connection is already gone.
     */
    private Subscriber start(StreamKey key, HttpServerRequest request, Instant closeAt, Predicate<String> inboxes,
                             Runnable onGone) {
        HttpServerResponse response = request.response();
        response.putHeader("Cache-Control", "no-cache, no-store, no-transform");
        response.putHeader("X-Accel-Buffering", "no");
        boolean ownsConnection = StreamConnections.dedicate(request);
        AtomicReference<ScheduledFuture<?>> expiry = new AtomicReference<>();
        Runnable ended = () -> {
            ScheduledFuture<?> pending = expiry.get();
            if (pending != null) {
                pending.cancel(false);
            }
            onGone.run();
        };
        Subscriber subscriber = new Subscriber(key, response, ownsConnection, eventLoop(), settings.maxPending(),
                ended, over -> onFanout(() -> leave(key, over)), metrics::delivered, inboxes);
        if (closeAt != null) {
            long delay = Math.max(MIN_EXPIRY_DELAY.toMillis(), Duration.between(Instant.now(), closeAt).toMillis());
            expiry.set(ticker.schedule(() -> subscriber.terminate(Subscriber.Ending.ENDED), delay,
                    TimeUnit.MILLISECONDS));
        }
        if (subscriber.start(retryEvent(), request.headers()) != Subscriber.Outcome.SENT) {
            end(subscriber);
            return null;
        }
        return subscriber;
    }

    /**
     * The event loop of the request being served on this thread: Quarkus runs blocking endpoints with the request's
     * duplicated event-loop context as the current one. The subscriber keeps the event loop's own context, not the
     * request's duplicate: all connections of one loop then share one fan-out task per event, and the request's
     * state is not kept alive for the stream's lifetime. Null when there is none; the subscriber then writes from the
     * fan-out thread.
     */
    private static Context eventLoop() {
        return VertxInternals.currentEventLoop();
    }

    /**
     * Sends an event without id (typing, answer drafts) to whoever is live on the stream now, on every replica. It
     * is not stored and not replayed, and it moves no client's resume point.
     */
    public void publishEphemeral(StreamKey key, String type, String data) {
        publishEphemeral(key, type, data, null);
    }

    /** {@link #publishEphemeral} about a conversation of an inbox: on the agents' stream, only its agents see it. */
    public void publishEphemeral(StreamKey key, String type, String data, String inboxId) {
        bus.publish(new Ephemeral(key, type, data, inboxId));
    }

    /** An ephemeral event from the bus, published by this replica or another one. */
    private void onEphemeral(Ephemeral ephemeral) {
        Buffer frame = SseFrames.named(ephemeral.type(), ephemeral.data());
        onFanout(() -> {
            StreamChannel channel = channels.get(ephemeral.stream());
            if (channel != null) {
                channel.publishEphemeral(frame, ephemeral.inboxId());
            }
        });
    }

    /**
     * Closes every live stream at a random moment within {@code period}, so that clients reconnect elsewhere a few at
     * a time; streams that go live during the drain are closed within what remains of it.
     */
    void drain(Duration period) {
        onFanout(() -> {
            drainEndsAt = System.nanoTime() + period.toNanos();
            channels.values().forEach(channel -> channel.subscribers().forEach(this::closeBeforeDrainEnds));
        });
    }

    /** Runs on the fan-out thread while draining. */
    private void closeBeforeDrainEnds(Subscriber subscriber) {
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainEndsAt - System.nanoTime()));
        ticker.schedule(() -> subscriber.terminate(Subscriber.Ending.ENDED),
                ThreadLocalRandom.current().nextLong(remaining), TimeUnit.MILLISECONDS);
    }

    /** Subscribers currently live on all streams: what a drain waits for. */
    int subscriberCount() {
        return channels.values().stream().mapToInt(StreamChannel::size).sum();
    }

    /** The largest backlog of any live subscriber, in events: the {@code livedesk.streams.pending.max} gauge. */
    private int maxPending() {
        int max = 0;
        for (StreamChannel channel : channels.values()) {
            for (Subscriber subscriber : channel.subscribers()) {
                max = Math.max(max, subscriber.pending());
            }
        }
        return max;
    }

    /**
     * Sends the retained events after the subscriber's position up to {@code upTo}, preceded by a {@code reset}
     * when some of them are no longer retained. Returns false when the connection is gone.
     */
    private boolean replay(Subscriber subscriber, long upTo) {
        long after = subscriber.lastSentId();
        if (after >= upTo) {
            return !subscriber.isClosed();
        }
        Replay replay = store.replay(subscriber.key(), after, upTo, settings.maxReplay());
        metrics.replayed(replay.truncated());
        String reason = replay.unknownId() ? "unknown-event-id" : "history-truncated";
        if (replay.truncated() && subscriber.sendReplayed(resetEvent(reason, after)) != Subscriber.Outcome.SENT) {
            return false;
        }
        List<Buffer> run = new ArrayList<>();
        int runBytes = 0;
        for (StoredEvent event : replay.events()) {
            if (!subscriber.sees(event.inboxId())) {
                continue;
            }
            Buffer frame = frames.frameOf(event);
            run.add(frame);
            runBytes += frame.length();
            if (runBytes >= REPLAY_WRITE_BYTES) {
                if (!sendHistory(subscriber, run, runBytes)) {
                    return false;
                }
                run.clear();
                runBytes = 0;
            }
        }
        if (!run.isEmpty() && !sendHistory(subscriber, run, runBytes)) {
            return false;
        }
        subscriber.advanceTo(upTo);
        return true;
    }

    /** Writes a run of replayed frames as one buffer; returns false when the connection is gone. */
    private static boolean sendHistory(Subscriber subscriber, List<Buffer> run, int bytes) {
        Buffer joined = Buffer.buffer(bytes);
        run.forEach(joined::appendBuffer);
        return subscriber.sendHistory(joined, run.size()) == Subscriber.Outcome.SENT;
    }

    /** Runs on the fan-out thread: catches the subscriber up to the last dispatched event, then makes it live. */
    private void join(Subscriber subscriber) {
        try {
            if (!replay(subscriber, dispatchedUpTo)) {
                end(subscriber);
                return;
            }
        } catch (RuntimeException storeFailed) {
            LOG.warnf("A stream of %s was closed as it went live, for its client to resume: %s", subscriber.key(),
                    storeFailed.getMessage());
            abandon(subscriber);
            return;
        }
        register(subscriber);
    }

    /** Runs on the fan-out thread: makes the subscriber live on its stream. */
    private void register(Subscriber subscriber) {
        StreamChannel channel = channels.computeIfAbsent(subscriber.key(),
                key -> new StreamChannel(key, settings.batchWindow(), this::flushLater, this::onOverflow));
        channel.add(subscriber);
        if (subscriber.isClosed()) {
            leave(channel, subscriber);
        } else if (drainEndsAt != 0) {
            closeBeforeDrainEnds(subscriber);
        }
    }

    /**
     * Called by the store, in commit order. After shutdown the event is stored but not fanned out here: clients
     * resume it from history wherever they reconnect, and the poster still gets its answer.
     */
    private void onCommitted(StoredEvent event) {
        onFanout(() -> publish(event));
    }

    /** Queues work for the fan-out thread; once the hub has stopped there is nobody left to do it for. */
    /** Queues work for the fan-out thread; false when the hub has stopped and the work was dropped. */
    private boolean onFanout(Runnable task) {
        try {
            fanout.execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            LOG.debug("Hub stopped; fan-out work dropped");
            return false;
        }
    }

    /** Runs on the fan-out thread, once per committed event, in id order. */
    private void publish(StoredEvent event) {
        long since = System.nanoTime();
        dispatchedUpTo = event.id();
        metrics.published();
        Buffer frame = null;
        if (event.conversationId() != null && event.audience().conversationStream()) {
            frame = publishTo(StreamKey.conversation(event.conversationId()), event, null, since);
        }
        if (event.audience().agentsStream()) {
            publishTo(StreamKey.AGENTS, event, frame, since);
        }
    }

    /** Publishes to one stream's channel, encoding the event unless it was already; returns the frame, if any. */
    private Buffer publishTo(StreamKey key, StoredEvent event, Buffer encoded, long since) {
        StreamChannel channel = channels.get(key);
        if (channel == null) {
            return encoded;
        }
        Buffer frame = encoded != null ? encoded : frames.frameOf(event);
        channel.publish(event.id(), event.inboxId(), frame, since);
        return frame;
    }

    /** Has the fan-out thread write what a channel gathered once its batch window has passed. */
    private void flushLater(StreamChannel channel, long delayNanos) {
        try {
            ticker.schedule(() -> onFanout(channel::flush), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("Hub stopped; what a channel gathered is left for its clients to resume");
        }
    }

    /**
     * Runs on the fan-out thread: a comment to every subscriber of the next slice's channels, which also finds the
     * dead ones.
     */
    private void heartbeat() {
        int slice = nextHeartbeatSlice;
        nextHeartbeatSlice = (slice + 1) % HEARTBEAT_SLICES;
        channels.forEach((key, channel) -> {
            if (heartbeatSlice(key) == slice) {
                channel.publishEphemeral(heartbeat, null);
            }
        });
    }

    /** Which slice of the heartbeat interval the channel's heartbeat goes out in. */
    static int heartbeatSlice(StreamKey key) {
        return Math.floorMod(key.hashCode(), HEARTBEAT_SLICES);
    }

    /**
     * A subscriber whose backlog a write would take over the cap is dropped; it leaves its channel on the fan-out
     * thread, as every stream that ends does. Runs on its event loop, or on the fan-out thread for a subscriber
     * without one.
     */
    private void onOverflow(Subscriber subscriber) {
        metrics.slowConsumer();
        LOG.debugf("Disconnecting a slow consumer of %s with %d events pending", subscriber.key(), subscriber.pending());
        subscriber.terminate(Subscriber.Ending.DROPPED);
    }

    /** Runs on the fan-out thread; idempotent, since a connection can be reported closed more than once. */
    private void leave(StreamChannel channel, Subscriber subscriber) {
        if (!channel.remove(subscriber)) {
            return;
        }
        subscriber.gone();
        if (channel.isEmpty()) {
            channels.remove(channel.key(), channel);
        }
    }

    /**
     * Ends a stream that never became live because its connection broke while it was being opened; the connection
     * is gone, so there is nothing to close.
     */
    private static void end(Subscriber subscriber) {
        subscriber.terminate(Subscriber.Ending.BROKEN);
        subscriber.gone();
    }

    /**
     * Ends a stream that could not become live because the store failed while it was being caught up: its
     * connection is closed, so that the client resumes (here or on another replica), and its slot is freed.
     */
    private static void abandon(Subscriber subscriber) {
        subscriber.terminate(Subscriber.Ending.DROPPED);
        subscriber.gone();
    }

    /** Runs on the fan-out thread: the subscriber leaves whichever channel of its stream holds it now. */
    private void leave(StreamKey key, Subscriber subscriber) {
        StreamChannel channel = channels.get(key);
        if (channel != null) {
            leave(channel, subscriber);
        }
    }

    private Buffer retryEvent() {
        long retry = settings.retry().toMillis();
        long jitter = retry > 1 ? ThreadLocalRandom.current().nextLong(retry / 2) : 0;
        return SseFrames.retry(retry + jitter);
    }

    private static Buffer resetEvent(String reason, long lastEventId) {
        return SseFrames.named("reset", "{\"reason\":\"" + reason + "\",\"lastEventId\":" + lastEventId + "}");
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        onFanout(() -> channels.values().forEach(channel -> channel.subscribers()
                .forEach(subscriber -> subscriber.terminate(Subscriber.Ending.ENDED))));
        fanout.shutdown();
    }
}
