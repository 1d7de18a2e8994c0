package dev.livedesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.report.ReportStore;
import dev.livedesk.store.Stores;
import dev.livedesk.store.postgres.PostgresStores;
import dev.livedesk.support.AppProcess;
import dev.livedesk.support.Postgres;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports' PostgreSQL queries over a large desk: 100,000 conversations in 30 days (about 70 % handed to 20
 * agents, most answered and resolved, a third of those rated) with eight messages each, generated in SQL. Times the
 * three aggregate reads a summary makes, several rounds, then prints each query's plan from EXPLAIN (ANALYZE,
 * BUFFERS) with the parameters the store bound, recorded by a proxy around the data source.
 */
final class ReportBenchmark {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(30));
    /** Conversations only the assistant had whose customer wrote nothing since then have ended (30 minutes before END). */
    private static final Instant QUIET_SINCE = END.minus(Duration.ofMinutes(30));

    private ReportBenchmark() {
    }

    static void run(int conversations, int rounds) throws Exception {
        Postgres.Database database = Postgres.newDatabase().migrated();
        long seeding = System.nanoTime();
        seed(database, conversations);
        System.out.printf("%n== reports over %,d conversations (PostgreSQL) ==%nseeded in %.1f s%n", conversations,
                (System.nanoTime() - seeding) / 1e9);
        Map<String, List<Object[]>> statements = new LinkedHashMap<>();
        DataSource recording = recording(database.dataSource(), statements);
        try (Stores stores = PostgresStores.create(recording, () -> database.dataSource().getConnection(),
                Duration.ofSeconds(1), Duration.ofSeconds(15), new ObjectMapper())) {
            ReportStore reports = stores.reports();
            List<Double> millis = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long begin = System.nanoTime();
                reports.snapshot(START, END, QUIET_SINCE, null);
                millis.add((System.nanoTime() - begin) / 1e6);
            }
            System.out.printf("summary's reads (figures, agents, activity at once) per round, ms: %s%n", millis.stream()
                    .map(ms -> String.format("%.0f", ms)).toList());
            System.out.printf("figures: %s%n", reports.figures(START, END, QUIET_SINCE, null));
        }
        overHttp(database, rounds);
        try (Connection connection = database.dataSource().getConnection()) {
            for (Map.Entry<String, List<Object[]>> statement : statements.entrySet()) {
                if (!statement.getKey().contains("FROM conversations WHERE created_at")) {
                    continue;
                }
                System.out.printf("%n-- %s%n", statement.getKey());
                try (PreparedStatement explain = connection.prepareStatement(
                        "EXPLAIN (ANALYZE, BUFFERS) " + statement.getKey())) {
                    for (Object[] parameter : statement.getValue()) {
                        explain.setObject((Integer) parameter[0], parameter[1]);
                    }
                    try (ResultSet plan = explain.executeQuery()) {
                        while (plan.next()) {
                            System.out.println(plan.getString(1));
                        }
                    }
                }
            }
        }
    }

    /** The whole request, as a supervisor's page makes it: the packaged application on the seeded database. */
    private static void overHttp(Postgres.Database database, int rounds) throws Exception {
        Map<String, String> settings = Map.of("quarkus.profile", "prod", "livedesk.store", "postgres",
                "quarkus.datasource.jdbc.url", database.url(), "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password(),
                "livedesk.auth.signing-key", Benchmark.SIGNING_KEY,
                "livedesk.agents.alice.password-hash", Benchmark.ALICE_HASH,
                "livedesk.agents.alice.role", "supervisor");
        try (AppProcess app = AppProcess.start("bench-reports", settings).awaitReady()) {
            HttpClient http = HttpClient.newHttpClient();
            String token = Benchmark.login(app);
            HttpRequest summary = HttpRequest.newBuilder(app.uri("/api/reports/summary?from=2026-10-01&to=2026-10-30&tz=Europe/Berlin"))
                    .header("Authorization", "Bearer " + token).build();
            List<String> millis = new ArrayList<>();
            int bytes = 0;
            for (int round = 0; round < rounds + 1; round++) {
                long begin = System.nanoTime();
                HttpResponse<String> response = http.send(summary, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("summary answered " + response.statusCode() + ": " + response.body());
                }
                bytes = response.body().length();
                millis.add(String.format("%.0f", (System.nanoTime() - begin) / 1e6));
            }
            System.out.printf("GET /api/reports/summary (30 days, Europe/Berlin, %,d bytes) per request, ms, the first"
                    + " on a cold server: %s%n", bytes, millis);
        }
    }

    /**
     * Conversations with milestones, ratings and messages, as the application would have stored them; then VACUUM
     * ANALYZE, as autovacuum does to a table that took this many inserts (PostgreSQL 13 and newer vacuum after
     * inserts too), which is what lets the planner count messages from the sent_at index alone.
     */
    static void seed(Postgres.Database database, int conversations) {
        database.execute("""
                INSERT INTO conversations (id, customer_id, customer_name, status, assignee_id, created_at, updated_at,
                    created_event_id, queued_at, first_response_at, first_responder_id, agent_id, resolved_at,
                    rating_score, rated_at)
                SELECT 'c' || n, 'cust' || n, 'Customer ' || n,
                       CASE WHEN handed AND resolved THEN 'RESOLVED' WHEN handed THEN 'ASSIGNED'
                            WHEN resolved THEN 'RESOLVED' ELSE 'BOT' END,
                       CASE WHEN handed AND NOT resolved THEN agent END,
                       created, created, n,
                       CASE WHEN handed THEN created + interval '1 second' * (random() * 120) END,
                       CASE WHEN handed AND answered
                            THEN created + interval '1 second' * (120 + random() * random() * 3600) END,
                       CASE WHEN handed AND answered THEN agent END,
                       CASE WHEN handed THEN agent END,
                       CASE WHEN resolved THEN created + interval '1 second' * (3600 + random() * 7200) END,
                       CASE WHEN resolved AND rated THEN 1 + floor(random() * 5)::int END,
                       CASE WHEN resolved AND rated THEN created + interval '3 hours' END
                FROM (SELECT n, timestamptz '2026-10-01 00:00:00+00' + interval '30 days' * random() AS created,
                             random() < 0.7 AS handed, random() < 0.9 AS answered, random() < 0.8 AS resolved,
                             random() < 0.33 AS rated, 'agent' || mod(n, 20) AS agent
                      FROM generate_series(1, %d) n) seeded
                """.formatted(conversations));
        database.execute("""
                INSERT INTO messages (event_id, conversation_id, id, sender_role, sender_id, sender_name, text, sent_at)
                SELECT c.created_event_id * 10 + m, c.id, c.id || '-' || m,
                       CASE WHEN m % 2 = 0 THEN 'customer' ELSE 'agent' END, 'someone', 'Someone', 'text',
                       c.created_at + interval '30 seconds' * m
                FROM conversations c, generate_series(1, 8) m
                """);
        // the milestones the stores keep with each message and resolution: the customer wrote last at m = 8
        database.execute("""
                UPDATE conversations SET last_customer_message_at = created_at + interval '240 seconds',
                    assistant_resolved_at = CASE WHEN queued_at IS NULL THEN resolved_at END
                """);
        database.execute("VACUUM ANALYZE");
    }

    /** A data source whose prepared statements remember their SQL and the parameters bound. */
    private static DataSource recording(DataSource dataSource, Map<String, List<Object[]>> statements) {
        return (DataSource) Proxy.newProxyInstance(ReportBenchmark.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    return result instanceof Connection connection ? connection(connection, statements) : result;
                });
    }

    private static Connection connection(Connection connection, Map<String, List<Object[]>> statements) {
        return (Connection) Proxy.newProxyInstance(ReportBenchmark.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                        List<Object[]> parameters = new ArrayList<>();
                        statements.put((String) args[0], parameters);
                        return Proxy.newProxyInstance(ReportBenchmark.class.getClassLoader(),
                                new Class<?>[]{PreparedStatement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("set") && a != null && a.length == 2
                                            && a[0] instanceof Integer) {
                                        parameters.add(Arrays.copyOf(a, 2));
                                    }
                                    return invoke(m, statement, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
