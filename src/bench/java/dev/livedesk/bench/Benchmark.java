package dev.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.support.AppProcess;
import dev.livedesk.support.Postgres;
import dev.livedesk.support.RawStream;
import io.vertx.core.Future;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.Collections;
import java.util.function.IntFunction;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * LiveDesk's fan-out benchmark: starts the packaged application in a process of its own (prod profile, limits
 * raised, assistant off), drives it from this process over loopback and prints what it measured. Run it with
 * {@code bench/run}; arguments: {@code store=memory|postgres}, {@code only=<scenario>[,<scenario>]} (connections,
 * fanout-100, fanout-1000, fanout-1000-unstalled, fanout-10000, throughput, many; and, only when named,
 * reports: the report queries on PostgreSQL over {@code conversations=<n>}, default 100,000; list: the agents'
 * conversation list, paged, over the same data; floor-2000,
 * floor-saturation and floor-resume (a resume storm: 2,000 streams opened at once, each replayed 900 events): the same
 * scenario on the bare Vert.x {@link FloorServer} and on LiveDesk, with ratios;
 * contact-center: 5,000 customers with the assistant on, 100 agents' streams, 250 msg/s, 500 customers typing,
 * warmed up on 5,000 conversations of its own),
 * {@code connections=<n>},
 * {@code seconds=<n>}, {@code warmup=<seconds>}, {@code servers=floor,livedesk,floor} (the servers of a
 * floor scenario, in the order they run), {@code posts=vertx|http2|http1} (the client of the contact center's posts
 * and typing signals: by default Vert.x's over HTTP/1.1, see {@link VertxPoster}; {@code http2}, the JDK's on one
 * HTTP/2 connection, which costs the generator far more CPU and refuses the posts over the server's 100 concurrent
 * streams whenever the server is slow, so that fewer are offered; {@code http1}, the JDK's over HTTP/1.1; see
 * docs/performance.md),
 * {@code pg-stats=true} (with the PostgreSQL store: its busiest statements, see {@link #printStatements}),
 * {@code pg-durable=true} (with the PostgreSQL store: {@code synchronous_commit=on}, a real server's default, so
 * that each commit waits for its WAL to reach the disk; the embedded server turns it off),
 * {@code jfr=true}, {@code server-jvm=<options>},
 * {@code profile=<libasyncProfiler.so>} (see {@link #measure}), {@code heap-dump=<file>} (the server's heap with the
 * idle streams open, for finding what holds each stream's objects).
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The contact center's unmeasured posts to its measured conversations, after they were started. */
    private static final int SETTLE_SECONDS = 5;
    /**
     * Posts over HTTP/2 (h2c, which both servers accept) on one connection; posts over both servers' 100 concurrent
     * streams are refused by the client, printed as failed and left out of the load offered.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
    /**
     * Posts over HTTP/1.1, for saturation: over HTTP/2 the client refuses posts past the server's 100 concurrent
     * streams when a saturated server answers slowly, and the refused posts would be missing from the load offered.
     * Not everywhere: near the machine's limit (the contact center), the connections HTTP/1.1 opens for posts in
     * flight cost enough CPU to tip the run into saturation in one run of two.
     */
    private static final HttpClient HTTP_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).build();
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final long CLOCK_TICKS = 100;

    /** bcrypt of alice-demo-password: the benchmark's agent on every server it starts. */
    static final String ALICE_HASH = "$2a$10$XTNqcTST8oxGh4JY2qyEgesOvtLwaMpUy3IoPc16pcjCFpGkN.av.";
    /** The signing key of every server the benchmark starts. */
    static final String SIGNING_KEY = "bench-only-signing-key-not-for-production";
    private static final String FLOOR = "floor";
    private static final String LIVEDESK = "livedesk";

    private final Map<String, String> args;
    /** The server the scenario at hand runs against. */
    private String target = LIVEDESK;
    /** The client messages are posted with. */
    private HttpClient poster = HTTP;
    /** The contact center's client for posts with {@code posts=vertx} (its default), for its server; else null. */
    private VertxPoster vertxPoster;
    /** Whether the next LiveDesk server starts with the assistant on. */
    private boolean assistant;
    private final Map<String, String> storeSettings = new HashMap<>();
    private AppProcess app;
    /** Server CPU ticks when the measured posting began. */
    private long cpuAtStart;
    /** This process' CPU ticks then. */
    private long generatorCpuAtStart;
    private Map<String, Long> generatorThreadsAtStart = Map.of();
    /** The server's CPU ticks by thread then. */
    private Map<String, Long> threadsAtStart = Map.of();
    /** The PostgreSQL processes' CPU ticks then, by role. */
    private Map<String, Long> databaseRolesAtStart = Map.of();
    /** The benchmark's PostgreSQL database, or null on the memory store. */
    private Postgres.Database database;
    /** When the measured posting began, for the rate at which events were actually delivered. */
    private long postingStartedAt;

    private Benchmark(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            String[] pair = arg.split("=", 2);
            args.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        try {
            new Benchmark(args).run();
        } catch (Exception | Error failed) {
            // the load generator's Vert.x threads would keep this JVM (and its server processes) alive
            failed.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        String store = args.getOrDefault("store", "memory");
        if (store.equals("memory")) {
            // the service's own default is the embedded store
            storeSettings.put("livedesk.store", "memory");
        }
        if (store.equals("postgres")) {
            boolean statements = args.containsKey("pg-stats");
            Map<String, String> settings = new HashMap<>();
            if (statements) {
                settings.putAll(Map.of("shared_preload_libraries", "pg_stat_statements",
                        "pg_stat_statements.track", "all"));
            }
            if (args.containsKey("pg-durable")) {
                settings.put("synchronous_commit", "on");
            }
            database = Postgres.newDatabase(settings);
            if (statements) {
                database.execute("CREATE EXTENSION pg_stat_statements");
            }
            storeSettings.putAll(Map.of("livedesk.store", "postgres", "quarkus.datasource.jdbc.url", database.url(),
                    "quarkus.datasource.username", database.user(), "quarkus.datasource.password", database.password()));
        }
        Set<String> only = new HashSet<>(List.of(args.getOrDefault("only",
                "connections,fanout-100,fanout-1000,fanout-1000-unstalled,fanout-10000,throughput,many").split(",")));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "10"));
        System.out.printf("LiveDesk benchmark: store=%s, %d cores, JDK %s, generator and server on one machine%n",
                store, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (only.contains("connections")) {
            connections(Integer.parseInt(args.getOrDefault("connections", "15000")));
        }
        if (only.contains("fanout-100")) {
            fanout("fan-out 100 subscribers @ 10 msg/s", 100, 10, seconds, false);
        }
        if (only.contains("fanout-1000")) {
            fanout("fan-out 1,000 subscribers @ 10 msg/s, one stalled", 1000, 10, seconds, true);
        }
        if (only.contains("fanout-1000-unstalled")) {
            fanout("fan-out 1,000 subscribers @ 10 msg/s, none stalled", 1000, 10, seconds, false);
        }
        if (only.contains("fanout-10000")) {
            fanout("fan-out 10,000 subscribers @ 1 msg/s", 10_000, 1, seconds, false);
        }
        if (only.contains("floor-2000")) {
            againstTheFloor("2,000 subscribers @ 20 msg/s",
                    () -> fanout("fan-out 2,000 subscribers @ 20 msg/s", 2000, 20, seconds, false));
        }
        if (only.contains("floor-saturation")) {
            poster = HTTP_1;
            againstTheFloor("2,000 subscribers, 100 msg/s offered",
                    () -> fanout("saturation 2,000 subscribers @ 100 msg/s", 2000, 100, seconds, false));
            poster = HTTP;
        }
        if (only.contains("floor-resume")) {
            poster = HTTP_1;
            againstTheFloor("2,000 streams resuming at once, 900 events each",
                    () -> resumeStorm("resume storm: 2,000 streams, 900 events each", 2000, 900));
            poster = HTTP;
        }
        if (only.contains("contact-center")) {
            String posts = args.getOrDefault("posts", "vertx");
            if (!List.of("vertx", "http2", "http1").contains(posts)) {
                throw new IllegalArgumentException("posts is vertx, http2 or http1");
            }
            poster = posts.equals("http1") ? HTTP_1 : HTTP;
            contactCenter(5000, 100, 250, seconds, posts.equals("vertx"));
            poster = HTTP;
        }
        if (only.contains("throughput")) {
            fanout("throughput 2,000 subscribers @ 40 msg/s", 2000, 40, seconds, false);
        }
        if (only.contains("many")) {
            many(5000, 4, 10, seconds);
        }
        if (only.contains("reports")) {
            ReportBenchmark.run(Integer.parseInt(args.getOrDefault("conversations", "100000")), 5);
        }
        if (only.contains("list")) {
            ListBenchmark.run(Integer.parseInt(args.getOrDefault("conversations", "100000")), 5);
        }
    }

    /**
     * Runs a scenario on the bare Vert.x server ({@link FloorServer}) and on LiveDesk, fresh servers, the same
     * generator, and prints LiveDesk's figures as ratios of the floor's. {@code servers=} names the servers in the
     * order they run; the default, {@code floor,livedesk,floor}, sets LiveDesk against the mean of a floor run before
     * and one after it, because the generator favours whichever server it measures later (a floor against a fresh
     * floor right after it: 0.86–0.90× p50 with the server and the generator on cores of their own, 0.81–1.27×
     * sharing both). With floors only ({@code floor,floor}) it prints the last floor's figures as ratios of the
     * first's.
     */
    private void againstTheFloor(String title, Callable<Figures> scenario) throws Exception {
        List<String> servers = List.of(args.getOrDefault("servers", FLOOR + "," + LIVEDESK + "," + FLOOR).split(","));
        if (servers.size() < 2 || !servers.contains(FLOOR)
                || !servers.stream().allMatch(server -> server.equals(FLOOR) || server.equals(LIVEDESK))) {
            throw new IllegalArgumentException("servers lists floor and livedesk in the order they run, two or more "
                    + "with a floor among them, e.g. floor,livedesk,floor");
        }
        List<Figures> floors = new ArrayList<>();
        List<Figures> livedesks = new ArrayList<>();
        for (String server : servers) {
            target = server;
            (server.equals(FLOOR) ? floors : livedesks).add(scenario.call());
        }
        target = LIVEDESK;
        boolean floorsOnly = livedesks.isEmpty();
        Figures base = floorsOnly ? floors.get(0) : Figures.mean(floors);
        Figures other = floorsOnly ? floors.get(floors.size() - 1) : Figures.mean(livedesks);
        System.out.printf("%n== %s: %s ==%np50 %.1f / %.1f ms = %.2fx; p99 %.1f / %.1f ms = %.2fx; "
                        + "delivered/s %,.0f / %,.0f = %.2fx; events per server CPU-s %,.0f / %,.0f = %.2fx%n", title,
                floorsOnly ? "last floor / first floor" : "LiveDesk / floor (means), " + String.join(" then ", servers),
                other.p50Millis(), base.p50Millis(), other.p50Millis() / base.p50Millis(),
                other.p99Millis(), base.p99Millis(), other.p99Millis() / base.p99Millis(),
                other.deliveredPerSecond(), base.deliveredPerSecond(),
                other.deliveredPerSecond() / base.deliveredPerSecond(), other.eventsPerCpuSecond(),
                base.eventsPerCpuSecond(), other.eventsPerCpuSecond() / base.eventsPerCpuSecond());
    }

    /**
     * A big support team: {@code customers} conversations with the assistant on, each customer's stream open;
     * {@code agents} agents' streams; {@code rate} customer messages per second in all; a tenth of the customers
     * typing (a typing signal every 2 s each). Customers and agents are measured apart: publish-to-receive of the
     * customers' own messages, durable deliveries per agent stream per second, lost and duplicated on both sides.
     * {@code vertxPosts}: posts and typing signals over {@link VertxPoster} rather than {@link #poster}.
     */
    private void contactCenter(int customers, int agents, int rate, int seconds, boolean vertxPosts)
            throws Exception {
        String title = String.format("contact center: %,d customers, %d agents, %d msg/s, %d typing", customers, agents,
                rate, customers / 10);
        assistant = true;
        startServer(title);
        assistant = false;
        vertxPoster = vertxPosts ? new VertxPoster(app.port()) : null;
        ScheduledExecutorService typing = Executors.newSingleThreadScheduledExecutor();
        try (SseLoad agentLoad = new SseLoad("localhost", app.port(), agents)) {
            String agent = login();
            openAll(agentLoad, agents, i -> "/api/agents/events", i -> agent);
            try (SseLoad warmLoad = new SseLoad("localhost", app.port(), customers, true)) {
                List<Started> warmConversations = openCustomers(warmLoad, customers);
                ScheduledFuture<?> warmTyping = typeIn(typing, warmConversations);
                long warmMessages = postCounted(warmConversations, rate, warmupSeconds());
                waitUntil(Duration.ofSeconds(30), () -> warmLoad.received() >= warmMessages
                        && agentLoad.received() >= warmMessages * agents);
                warmTyping.cancel(false);
            }
            try (SseLoad customerLoad = new SseLoad("localhost", app.port(), customers, true)) {
                List<Started> conversations = openCustomers(customerLoad, customers);
                typeIn(typing, conversations);
                long settlingMessages = postCounted(conversations, rate, SETTLE_SECONDS);
                waitUntil(Duration.ofSeconds(30), () -> customerLoad.received() >= settlingMessages);
                untilQuiet(agentLoad);
                long agentIdsWarm = idsReceived(agentLoad);
                customerLoad.resetLatency();
                agentLoad.resetLatency();
                customerLoad.replyTime().reset();
                long repliesWarm = customerLoad.replies();
                double lexicalWarm = metric("livedesk_assistant_lexical_total");
                Map<String, List<Long>> acked = measure(conversations, rate, seconds);
                long postedAt = System.nanoTime();
                List<Long> all = acked.values().stream().flatMap(List::stream).sorted().toList();
                Map<SseLoad.Subscriber, List<Long>> expected = new HashMap<>();
                List<SseLoad.Subscriber> customerStreams = customerLoad.subscribers();
                for (int i = 0; i < customerStreams.size(); i++) {
                    expected.put(customerStreams.get(i), acked.getOrDefault(conversations.get(i).id, List.of()));
                }
                agentLoad.subscribers().forEach(subscriber -> expected.put(subscriber, all));
                Figures customerFigures = report(title + ", customers", customerLoad, seconds, expected::get,
                        all.size());
                Figures agentFigures = report(title + ", agents", agentLoad, seconds, expected::get,
                        all.size() * (long) agents);
                long agentIds = idsReceived(agentLoad) - agentIdsWarm;
                double lastReply = untilRepliesStop(customerLoad, postedAt);
                Histogram replies = customerLoad.replyTime().getIntervalHistogram();
                System.out.printf("assistant: %,d replies since the measured posting began (%,d messages posted; a "
                                + "conversation handed to a person gets none), %,.0f questions ranked by BM25 alone "
                                + "after waiting livedesk.bot.max-queue-wait; question to reply p50 %.1f ms, p99 %.1f ms, "
                                + "max %.1f ms; the last came %.1f s after the last post was acknowledged%n",
                        customerLoad.replies() - repliesWarm, all.size(),
                        metric("livedesk_assistant_lexical_total") - lexicalWarm,
                        replies.getValueAtPercentile(50) / 1000.0, replies.getValueAtPercentile(99) / 1000.0,
                        replies.getMaxValue() / 1000.0, lastReply);
                System.out.printf("%n== %s ==%ncustomers p50 %.1f ms, p99 %.1f ms; agents p50 %.1f ms, p99 %.1f ms; durable "
                                + "deliveries per agent stream: %.1f/s (customer messages, the assistant's replies and "
                                + "conversation changes; no typing or drafts)%n", title, customerFigures.p50Millis(),
                        customerFigures.p99Millis(), agentFigures.p50Millis(), agentFigures.p99Millis(),
                        agentIds / (double) agents / seconds);
            }
        } finally {
            typing.shutdownNow();
            if (vertxPoster != null) {
                vertxPoster.close();
                vertxPoster = null;
            }
            stopServer();
        }
    }

    /**
     * Starts {@code customers} conversations and opens a customer's stream on each. The warm-up has conversations
     * of its own: the measured ones start fresh, in the assistant's hands, however long the warm-up ran (after a
     * minute of warm-up on the same conversations the assistant had handed nearly all of them to people, and
     * answered 179 questions in the measured 20 s instead of thousands). They get {@link #SETTLE_SECONDS} of posts
     * before the measurement, so that it does not begin with every conversation's first question at once.
     */
    private List<Started> openCustomers(SseLoad load, int customers) throws Exception {
        List<Started> conversations = startMany(customers);
        openAll(load, customers, i -> "/api/conversations/" + conversations.get(i).id + "/events",
                i -> conversations.get(i).token);
        return conversations;
    }

    /** A typing signal every 2 s from each customer of the first tenth of the conversations, until cancelled. */
    private ScheduledFuture<?> typeIn(ScheduledExecutorService typing, List<Started> conversations) {
        List<Started> typists = conversations.subList(0, conversations.size() / 10);
        AtomicInteger next = new AtomicInteger();
        return typing.scheduleAtFixedRate(() -> {
            Started typist = typists.get(next.getAndIncrement() % typists.size());
            send(HTTP, "/api/conversations/" + typist.id + "/typing", typist.token, "{\"typing\":true}");
        }, 0, 2_000_000L / typists.size(), TimeUnit.MICROSECONDS);
    }

    /**
     * Waits (at most a minute) until the streams have received nothing for a second: starting the measured
     * conversations sends each agent's stream an event per conversation, which must have arrived before the
     * measurement begins.
     */
    private static void untilQuiet(SseLoad load) {
        long[] seen = {-1};
        long[] since = {System.nanoTime()};
        waitUntil(Duration.ofSeconds(60), () -> {
            long ids = idsReceived(load);
            if (ids != seen[0]) {
                seen[0] = ids;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > TimeUnit.SECONDS.toNanos(1);
        });
    }

    /** The events received so far on all the streams. */
    private static long idsReceived(SseLoad load) {
        return load.subscribers().stream().mapToLong(subscriber -> subscriber.ids().size()).sum();
    }

    /**
     * Waits until no reply from the assistant has arrived for two seconds (at most a minute): an assistant that fell
     * behind is still answering after the posts stop. Returns the seconds from {@code since} to the last reply.
     */
    private static double untilRepliesStop(SseLoad load, long since) {
        waitUntil(Duration.ofSeconds(60), () -> System.nanoTime() - load.lastReplyNanos() > TimeUnit.SECONDS.toNanos(2));
        return Math.max(0, load.lastReplyNanos() - since) / 1e9;
    }

    /** Open idle streams and report memory per stream. */
    private void connections(int count) throws Exception {
        startServer("connections");
        try (SseLoad load = new SseLoad("localhost", app.port(), count)) {
            Started conversation = start("Idle");
            long heapBefore = heapAfterGc();
            long rssBefore = rssKb();
            Map<String, long[]> classesBefore = classHistogram();
            openAll(load, count, i -> "/api/conversations/" + conversation.id + "/events", i -> conversation.token);
            long heapAfter = heapAfterGc();
            long rssAfter = rssKb();
            printPerStream(classesBefore, classHistogram(), count);
            String dump = args.get("heap-dump");
            if (dump != null) {
                System.out.print(jcmd("GC.heap_dump", Path.of(dump).toAbsolutePath().toString()));
            }
            System.out.printf("%n== %d idle streams ==%n", count);
            System.out.printf("open: %d; heap after GC: %d MB -> %d MB = %.1f KB per stream; RSS: %d MB -> %d MB (%.1f KB per stream)%n",
                    load.open(), heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / (double) count,
                    rssBefore / 1024, rssAfter / 1024, (rssAfter - rssBefore) / (double) count);
        } finally {
            stopServer();
        }
    }

    /** One conversation, many subscribers, a fixed message rate. */
    private Figures fanout(String title, int subscribers, int rate, int seconds, boolean stalled) throws Exception {
        startServer(title);
        try (SseLoad load = new SseLoad("localhost", app.port(), subscribers + 1)) {
            Started conversation = start("Fan-out");
            warmRequestPath();
            openAll(load, subscribers, i -> "/api/conversations/" + conversation.id + "/events", i -> conversation.token);
            Socket stall = stalled ? stalledSubscriber(conversation) : null;
            warmUp(load, List.of(conversation), subscribers);
            Map<String, List<Long>> acked = measure(List.of(conversation), rate, seconds);
            List<Long> all = acked.getOrDefault(conversation.id, List.of());
            Figures figures = report(title, load, seconds, expected -> all, all.size() * (long) subscribers);
            if (stall != null) {
                stall.close();
            }
            return figures;
        } finally {
            stopServer();
        }
    }

    /**
     * A resume storm, as when a replica drains and its clients resume on another: {@code history} messages on one
     * conversation (posted at 180/s, within LiveDesk's max-replay), then {@code subscribers} streams opened at once,
     * each replayed the whole history. A first storm warms the server up and is not measured. Its figures: p50 and
     * p99 of the time from the first open to a stream's last event; replayed events per second until the last
     * stream had all; replayed events per server CPU-second.
     */
    private Figures resumeStorm(String title, int subscribers, int history) throws Exception {
        startServer(title);
        try {
            Started conversation = start("Storm");
            List<Long> ids = post(List.of(conversation), 180, history / 180).getOrDefault(conversation.id, List.of());
            storm(null, conversation, subscribers, ids);
            return storm(title, conversation, subscribers, ids);
        } finally {
            stopServer();
        }
    }

    /** Opens the streams, waits until each has every id, prints what it measured unless {@code title} is null. */
    private Figures storm(String title, Started conversation, int subscribers, List<Long> ids) throws Exception {
        long newest = ids.get(ids.size() - 1);
        Set<Long> wanted = new HashSet<>(ids);
        try (SseLoad load = new SseLoad("localhost", app.port(), subscribers)) {
            long cpuBefore = cpuTicks();
            Map<String, Long> threadsBefore = ProcessCpu.byThread(app.pid());
            long startedAt = System.nanoTime();
            openAll(load, subscribers, i -> "/api/conversations/" + conversation.id + "/events", i -> conversation.token);
            boolean caughtUp = waitUntil(Duration.ofSeconds(120),
                    () -> load.subscribers().stream().allMatch(stream -> stream.lastId() >= newest));
            double cpuSeconds = (cpuTicks() - cpuBefore) / (double) CLOCK_TICKS;
            Map<String, Long> threads = ProcessCpu.byThread(app.pid());
            Histogram catchUp = new Histogram(3);
            long lastAt = startedAt;
            long delivered = 0;
            long duplicated = 0;
            long lost = 0;
            for (SseLoad.Subscriber stream : load.subscribers()) {
                List<Long> got = stream.ids().stream().filter(wanted::contains).toList();
                long distinct = new HashSet<>(got).size();
                delivered += distinct;
                duplicated += got.size() - distinct;
                lost += wanted.size() - distinct;
                catchUp.recordValue(Math.max(0, stream.lastEventNanos() - startedAt) / 1000);
                lastAt = Math.max(lastAt, stream.lastEventNanos());
            }
            double seconds = Math.max(0.001, (lastAt - startedAt) / 1e9);
            Figures figures = new Figures(catchUp.getValueAtPercentile(50) / 1000.0,
                    catchUp.getValueAtPercentile(99) / 1000.0, delivered / seconds, delivered / Math.max(0.01, cpuSeconds));
            if (title != null) {
                System.out.printf("%n== %s, %s ==%n%sreplayed %,d of %,d; lost %d; duplicated %d; streams resumed after"
                                + " the server ended them: %d%nfrom the first open to a stream's last event: p50 %.1f ms,"
                                + " p99 %.1f ms, last %.1f ms; replayed events/s %,.0f; server CPU %.2f s; replayed events"
                                + " per server CPU-second %,.0f%nserver CPU by thread: %s%n", title, target,
                        caughtUp ? "" : "not every stream had its last event after 120 s\n", delivered,
                        wanted.size() * (long) subscribers, lost, duplicated, load.resumes(), figures.p50Millis(),
                        figures.p99Millis(), seconds * 1000, figures.deliveredPerSecond(), cpuSeconds,
                        figures.eventsPerCpuSecond(), ProcessCpu.busiest(threadsBefore, threads, 8, CLOCK_TICKS));
            }
            return figures;
        }
    }

    /** Many customers each on their own conversation, plus agents' streams that see everything. */
    private void many(int customers, int agentStreams, int rate, int seconds) throws Exception {
        String title = String.format("%,d conversations + %d agents' streams @ %d msg/s in total", customers,
                agentStreams, rate);
        startServer(title);
        try (SseLoad load = new SseLoad("localhost", app.port(), customers + agentStreams)) {
            List<Started> conversations = startMany(customers);
            String agent = login();
            openAll(load, customers, i -> "/api/conversations/" + conversations.get(i).id + "/events",
                    i -> conversations.get(i).token);
            openAll(load, agentStreams, i -> "/api/agents/events", i -> agent);
            warmUp(load, conversations, 1 + agentStreams);
            Map<String, List<Long>> acked = measure(conversations, rate, seconds);
            List<Long> all = acked.values().stream().flatMap(List::stream).sorted().toList();
            List<SseLoad.Subscriber> subscribers = load.subscribers();
            Map<SseLoad.Subscriber, List<Long>> expected = new HashMap<>();
            for (int i = 0; i < subscribers.size(); i++) {
                expected.put(subscribers.get(i), i < customers
                        ? acked.getOrDefault(conversations.get(i).id, List.of()) : all);
            }
            report(title, load, seconds, expected::get, all.size() * (long) (1 + agentStreams));
        } finally {
            stopServer();
        }
    }

    /**
     * Posts for {@code warmup=<seconds>} (default 15) before measuring, so that the JIT has compiled the hot paths;
     * then forgets the latencies seen. Profiled with 5 s, the server was
     * still compiling its request path during the measurement (C2 took a sixth of its CPU then, and longer on
     * LiveDesk than on the floor, whose code is small): a figure of the warm-up, not of the steady state.
     */
    private void warmUp(SseLoad load, List<Started> conversations, int deliveriesPerMessage) throws Exception {
        int warmRate = Math.max(10, Math.min(100, 40_000 / deliveriesPerMessage));
        long expected = postCounted(conversations, warmRate, warmupSeconds()) * deliveriesPerMessage;
        waitUntil(Duration.ofSeconds(30), () -> load.received() >= expected);
        load.resetLatency();
    }

    /**
     * Compiles LiveDesk's request path before the streams open: 10,000 posts at 500 a second to a conversation
     * nobody follows. At a scenario's 20 posts a second, C2 was still compiling the request handling (RESTEasy's
     * handler chain, Jackson, the token check) long after the warm-up: methods run once per post reach C2's threshold
     * of 5,000 calls only after that many posts. The floor's
     * request path is a few lines and compiles within its warm-up; it is not given this (its single log would replay
     * the posts to every subscriber).
     */
    private void warmRequestPath() throws Exception {
        if (target.equals(LIVEDESK)) {
            post(List.of(start("Warm-up")), 500, 20);
        }
    }

    /** What one scenario measured on one server. */
    record Figures(double p50Millis, double p99Millis, double deliveredPerSecond, double eventsPerCpuSecond) {

        /** The mean of each figure over several runs. */
        static Figures mean(List<Figures> runs) {
            return new Figures(runs.stream().mapToDouble(Figures::p50Millis).average().orElseThrow(),
                    runs.stream().mapToDouble(Figures::p99Millis).average().orElseThrow(),
                    runs.stream().mapToDouble(Figures::deliveredPerSecond).average().orElseThrow(),
                    runs.stream().mapToDouble(Figures::eventsPerCpuSecond).average().orElseThrow());
        }
    }

    private Figures report(String title, SseLoad load, int seconds,
                           Function<SseLoad.Subscriber, List<Long>> expectedOf, long deliveries) throws Exception {
        Map<SseLoad.Subscriber, Long> lastWanted = new HashMap<>();
        for (SseLoad.Subscriber subscriber : load.subscribers()) {
            expectedOf.apply(subscriber).stream().mapToLong(Long::longValue).max()
                    .ifPresent(last -> lastWanted.put(subscriber, last));
        }
        boolean caughtUp = waitUntil(Duration.ofSeconds(60), () -> lastWanted.entrySet().stream()
                .allMatch(wanted -> wanted.getKey().lastId() >= wanted.getValue()));
        double deliveringSeconds = Math.max(seconds, (load.lastMessageNanos() - postingStartedAt) / 1e9);
        long cpuTicks = cpuTicks() - cpuAtStart;
        long generatorTicks = ProcessCpu.ticks(ProcessHandle.current().pid()) - generatorCpuAtStart;
        Map<String, Long> databaseRoles = ProcessCpu.postgresByRole();
        long databaseTicks = ProcessCpu.total(databaseRoles) - ProcessCpu.total(databaseRolesAtStart);
        Map<String, Long> threads = ProcessCpu.byThread(app.pid());
        Map<String, Long> generatorThreads = ProcessCpu.byThread(ProcessHandle.current().pid());
        Histogram latency = load.latency().getIntervalHistogram();
        long lost = 0;
        long skipped = 0;
        long delivered = 0;
        long duplicated = 0;
        List<String> lostExamples = new ArrayList<>();
        for (SseLoad.Subscriber subscriber : load.subscribers()) {
            List<Long> expected = expectedOf.apply(subscriber);
            Set<Long> wanted = new HashSet<>(expected);
            List<Long> got = subscriber.ids().stream().filter(wanted::contains).toList();
            Set<Long> distinct = new HashSet<>(got);
            duplicated += got.size() - distinct.size();
            delivered += distinct.size();
            for (long id : wanted) {
                if (!distinct.contains(id)) {
                    if (subscriber.announcedMissing(id)) {
                        skipped++;
                    } else {
                        lost++;
                        if (lostExamples.size() < 3) {
                            lostExamples.add(String.format("%d (the stream's newest id: %d)", id,
                                    subscriber.lastId()));
                        }
                    }
                }
            }
        }
        double cpuSeconds = cpuTicks / (double) CLOCK_TICKS;
        if (args.containsKey("profile")) {
            Path stacks = Path.of("target", "profile-" + (title + "-" + target).replaceAll("[^A-Za-z0-9]+", "-")
                    + ".collapsed").toAbsolutePath();
            System.out.print(jcmd("JVMTI.agent_load", args.get("profile"), "\"stop,collapsed,file=" + stacks + "\""));
            System.out.printf("%nCPU profile: %s%n", stacks);
        }
        System.out.printf("%n== %s, %s, %d s ==%n", title, target, seconds);
        if (!caughtUp) {
            System.out.println("not every stream had received its last expected event after 60 s: what had not"
                    + " arrived by then counts as lost");
        }
        System.out.printf("delivered %,d of %,d; lost %d; duplicated %d; streams resumed after the server ended them: %d"
                + " (of which began with a reset: %d); skipped after a reset told the stream: %d%n", delivered,
                deliveries, lost, duplicated, load.resumes(), load.resets(), skipped);
        if (!lostExamples.isEmpty()) {
            System.out.println("lost, for example: " + String.join("; ", lostExamples));
        }
        System.out.printf("latency publish->receive: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
        printSlowSeconds(load.slowSeconds());
        System.out.printf("delivered events/s: %,.0f (over the %.1f s from the first post to the last delivery); server "
                        + "CPU: %.2f s; delivered events per server CPU-second: %,.0f (load generator CPU: %.2f s)%n",
                delivered / deliveringSeconds, deliveringSeconds, cpuSeconds, delivered / Math.max(0.01, cpuSeconds),
                generatorTicks / (double) CLOCK_TICKS);
        System.out.printf("server CPU by thread: %s%s%n", ProcessCpu.busiest(threadsAtStart, threads, 8, CLOCK_TICKS),
                databaseTicks > 0 ? String.format("; PostgreSQL's processes: %.2f s (%s)",
                        databaseTicks / (double) CLOCK_TICKS,
                        ProcessCpu.busiest(databaseRolesAtStart, databaseRoles, 6, CLOCK_TICKS)) : "");
        System.out.printf("load generator CPU by thread: %s%n",
                ProcessCpu.busiest(generatorThreadsAtStart, generatorThreads, 6, CLOCK_TICKS));
        if (args.containsKey("pg-stats")) {
            printStatements();
        }
        return new Figures(latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                delivered / deliveringSeconds, delivered / Math.max(0.01, cpuSeconds));
    }

    /**
     * Prints the statements that took the most of PostgreSQL's time since posting started ({@code pg-stats=true}):
     * where the database's CPU goes, which its process total hides.
     */
    private void printStatements() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT calls, total_exec_time, max_exec_time, rows, "
                     + "regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                     + "ORDER BY total_exec_time DESC LIMIT 15")) {
            System.out.println("PostgreSQL statements by execution time (calls, total ms, max ms, rows, statement):");
            while (rows.next()) {
                String query = rows.getString(5);
                System.out.printf("  %,9d %,10.0f %,8.1f %,9d  %s%n", rows.getLong(1), rows.getDouble(2),
                        rows.getDouble(3), rows.getLong(4),
                        query.length() > 150 ? query.substring(0, 150) + "..." : query);
            }
        }
    }

    /**
     * Prints when the messages slower than {@link SseLoad#SLOW_MICROS} were sent, the ten seconds with the most of
     * them in time order, so that a recording's pauses and compilations can be set beside them.
     */
    private static void printSlowSeconds(Map<Long, Long> slowBySecond) {
        if (slowBySecond.isEmpty()) {
            return;
        }
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        String seconds = slowBySecond.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(10)
                .sorted(Map.Entry.comparingByKey())
                .map(second -> clock.format(Instant.ofEpochSecond(second.getKey())) + " " + second.getValue())
                .collect(Collectors.joining(", "));
        System.out.printf("over %d ms, by the second they were sent (UTC; the ten with the most): %s (%,d in all)%n",
                SseLoad.SLOW_MICROS / 1000, seconds, slowBySecond.values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * Posts the measured load. With {@code profile=<path of libasyncProfiler.so>} (async-profiler, on Maven Central as
     * {@code tools.profiler:async-profiler}), the server's CPU is sampled meanwhile, every millisecond (or what
     * {@code profile-event=} names, e.g. {@code alloc}), and
     * {@link #report} writes the stacks, each under its thread, to {@code target/profile-<scenario>-<server>.collapsed}.
     */
    private Map<String, List<Long>> measure(List<Started> conversations, int rate, int seconds) throws Exception {
        if (args.containsKey("profile")) {
            String event = args.getOrDefault("profile-event", "cpu");
            String options = "start,threads,event=" + event + (event.equals("cpu") ? ",interval=1ms" : "");
            System.out.print(jcmd("JVMTI.agent_load", args.get("profile"), "\"" + options + "\""));
        }
        return post(conversations, rate, seconds);
    }

    /** {@code warmup=<seconds>}, 15 unless given. */
    private int warmupSeconds() {
        return Integer.parseInt(args.getOrDefault("warmup", "15"));
    }

    /** Posts as {@link #post} does, unmeasured; returns how many posts were acknowledged. */
    private long postCounted(List<Started> conversations, int rate, int seconds) throws Exception {
        return post(conversations, rate, seconds).values().stream().mapToLong(List::size).sum();
    }

    /** Posts at a fixed rate for the given time, round robin over the conversations; returns acked ids. */
    private Map<String, List<Long>> post(List<Started> conversations, int rate, int seconds) throws Exception {
        Map<String, List<Long>> acked = new ConcurrentHashMap<>();
        cpuAtStart = cpuTicks();
        generatorCpuAtStart = ProcessCpu.ticks(ProcessHandle.current().pid());
        generatorThreadsAtStart = ProcessCpu.byThread(ProcessHandle.current().pid());
        threadsAtStart = ProcessCpu.byThread(app.pid());
        databaseRolesAtStart = ProcessCpu.postgresByRole();
        if (args.containsKey("pg-stats")) {
            database.execute("SELECT pg_stat_statements_reset()");
        }
        postingStartedAt = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger sent = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            if (sent.getAndIncrement() >= total) {
                return;
            }
            Started conversation = conversations.get(ThreadLocalRandom.current().nextInt(conversations.size()));
            String body = "{\"text\":\"t=" + SseLoad.nowMicros() + "\"}";
            send(poster, "/api/conversations/" + conversation.id + "/messages", conversation.token, body)
                    .whenComplete((response, failure) -> {
                        if (failure == null && response.status() == 201) {
                            try {
                                long id = JSON.readTree(response.body()).path("eventId").asLong();
                                if (id == 0) {
                                    throw new IOException("no eventId in " + response.body());
                                }
                                acked.computeIfAbsent(conversation.id, c -> Collections.synchronizedList(new ArrayList<>())).add(id);
                            } catch (IOException e) {
                                System.out.println("unreadable answer: " + e.getMessage());
                            }
                        } else {
                            System.out.println("post failed: " + (failure != null ? failure : response.status()));
                        }
                        done.countDown();
                    });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        if (!done.await(seconds + 120L, TimeUnit.SECONDS)) {
            System.out.printf("%,d of %,d posts still unanswered %d s after posting began: their events are not"
                    + " expected on the streams%n", done.getCount(), total, seconds + 120);
        }
        ticker.shutdownNow();
        Map<String, List<Long>> settled = new HashMap<>();
        acked.forEach((conversation, ids) -> {
            synchronized (ids) {
                settled.put(conversation, List.copyOf(ids));
            }
        });
        return settled;
    }

    /**
     * Posts JSON with {@code client}, or with Vert.x's client when {@code posts=vertx} chose it for the contact
     * center.
     */
    private CompletableFuture<VertxPoster.Answer> send(HttpClient client, String path, String token, String json) {
        if (vertxPoster != null) {
            return vertxPoster.post(path, token, json);
        }
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new VertxPoster.Answer(response.statusCode(), response.body()));
    }

    /** Opens streams in batches, so the server's accept queue never overflows. */
    private static void openAll(SseLoad load, int count, IntFunction<String> path,
                                IntFunction<String> token) {
        int target = load.open() + count;
        for (int start = 0; start < count; start += 500) {
            List<Future<SseLoad.Subscriber>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 500); i++) {
                batch.add(load.open(path.apply(i), token.apply(i)));
            }
            Future.all(batch).toCompletionStage().toCompletableFuture().join();
        }
        waitUntil(Duration.ofSeconds(60), () -> load.open() >= target);
    }

    /** A subscriber that never reads, with a tiny receive buffer: the server must cut it off, not wait for it. */
    private Socket stalledSubscriber(Started conversation) throws IOException {
        return RawStream.open("localhost", app.port(), "/api/conversations/" + conversation.id + "/events",
                conversation.token);
    }

    private record Started(String id, String token) {
    }

    private Started start(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                        + "/api/conversations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerName\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        return new Started(body.at("/conversation/id").asText(), body.path("token").asText());
    }

    /** Starts conversations from a few threads of its own (the HTTP client's threads must stay free for it). */
    private List<Started> startMany(int count) {
        ExecutorService customers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Started>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return start("Customer");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, customers));
            }
            return started.stream().map(CompletableFuture::join).toList();
        } finally {
            customers.shutdownNow();
        }
    }

    /**
     * One sample of the server's Prometheus metrics, e.g. {@code livedesk_assistant_lexical_total}; over HTTP/1.1, so
     * that the load's posts filling an HTTP/2 connection's streams cannot refuse it.
     */
    private double metric(String sample) throws Exception {
        String text = HTTP_1.send(HttpRequest.newBuilder(app.uri("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).strip()))
                .orElseThrow(() -> new IllegalStateException("The server exposes no " + sample));
    }

    private String login() throws Exception {
        return login(app);
    }

    /** Logs the benchmark's agent (alice, {@link #ALICE_HASH}) into a server and returns the token. */
    static String login(AppProcess server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.uri("/api/agents/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice-demo-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("token").asText();
    }

    private void startServer(String title) {
        if (target.equals(FLOOR)) {
            app = AppProcess.startMain("bench-floor", FloorServer.class, serverJvm());
            app.awaitReady();
            return;
        }
        Map<String, String> settings = new HashMap<>(storeSettings);
        settings.putAll(Map.of("quarkus.profile", "prod",
                "livedesk.auth.signing-key", SIGNING_KEY,
                "livedesk.agents.alice.password-hash", ALICE_HASH,
                "livedesk.bot.enabled", Boolean.toString(assistant),
                "livedesk.limits.streams-per-token", "20000",
                "livedesk.limits.streams-per-address", "20000",
                "livedesk.limits.max-streams", "16000",
                "livedesk.limits.messages-per-minute", "100000000",
                "livedesk.limits.conversations-per-minute", "100000000"));
        settings.put("livedesk.limits.conversations-per-inbox-per-minute", "100000000");
        List<String> jvm = serverJvm();
        if (args.containsKey("jfr")) {
            String file = "target/bench-" + title.replaceAll("[^A-Za-z0-9]+", "-") + ".jfr";
            jvm.add("-XX:StartFlightRecording=filename=" + file + ",settings=profile");
        }
        app = AppProcess.start("bench-server", settings, jvm);
        app.awaitReady();
    }

    /**
     * The JVM options of every server the benchmark starts, the floor's too: a 4 GB heap, thread priorities passed on
     * to Linux as the container image does (the assistant's ranking threads yield to the event loops), plus
     * {@code server-jvm=} (space-separated), e.g. a profiler agent.
     */
    private List<String> serverJvm() {
        List<String> jvm = new ArrayList<>(List.of("-Xmx4g", "-XX:ThreadPriorityPolicy=1",
                "-XX:JavaPriority1_To_OSPriority=19"));
        String extra = args.getOrDefault("server-jvm", "").strip();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        return jvm;
    }

    private void stopServer() {
        app.terminate();
        waitUntil(Duration.ofSeconds(30), () -> !app.isAlive());
    }

    private long heapAfterGc() throws Exception {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

    /** Live instances and bytes by class (after a full GC: {@code GC.class_histogram} runs one). */
    private Map<String, long[]> classHistogram() throws Exception {
        Map<String, long[]> classes = new HashMap<>();
        Matcher row = HISTOGRAM_ROW.matcher(jcmd("GC.class_histogram"));
        while (row.find()) {
            classes.put(row.group(3), new long[]{Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
        }
        return classes;
    }

    /** What each open stream holds: the classes that grew most, per stream. */
    private static void printPerStream(Map<String, long[]> before, Map<String, long[]> after, int streams) {
        System.out.printf("heap per stream by class (instances, bytes per stream):%n");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[]{e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .filter(e -> e.getValue()[1] > 20L * streams)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(40)
                .forEach(e -> System.out.printf("  %6.2f %7.0f B  %s%n", e.getValue()[0] / (double) streams,
                        e.getValue()[1] / (double) streams, e.getKey()));
    }

    private String jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(app.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    private long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** User plus system CPU of the server process, in clock ticks. */
    private long cpuTicks() throws IOException {
        return ProcessCpu.ticks(app.pid());
    }

    /** Whether the condition came true within the limit. */
    private static boolean waitUntil(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return true;
    }
}
