package dev.livedesk.store;

import dev.livedesk.event.EphemeralBus;
import dev.livedesk.store.postgres.PostgresEphemeralBus;
import dev.livedesk.stream.StreamPermits;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestFiles;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The whole application on the PostgreSQL store: the same API and streams as with the memory store. */
@Tag("quarkus")
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresStoreTest {

    @TestHTTPResource("/")
    URI root;

    @Inject
    StreamPermits permits;

    @Test
    void isReadyWithThePostgresStore() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'store' }.data.kind", equalTo("postgres"));
    }

    @Test
    void streamsLiveEventsAndReplaysOnlyThoseAfterLastEventId() {
        TestApi.Started started = TestApi.startConversation("Pat");
        URI events = root.resolve("/api/conversations/" + started.id() + "/events");
        List<Long> posted = new ArrayList<>();
        try (SseClient live = SseClient.open(events, started.token())) {
            for (int i = 0; i < 5; i++) {
                posted.add(TestApi.post(started.id(), started.token(), "message " + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> live.ids().containsAll(posted));
            assertThat(live.ids()).doesNotHaveDuplicates().isSorted();
        }
        try (SseClient resumed = SseClient.open(events, Map.of("Authorization", "Bearer " + started.token(),
                "Last-Event-ID", Long.toString(posted.get(2))))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.ids().containsAll(posted.subList(3, 5)));
            assertThat(resumed.ids()).containsExactlyElementsOf(posted.subList(3, 5));
        }
    }

    @Inject
    EphemeralBus bus;

    @Test
    void ephemeralEventsGoThroughTheDatabase() {
        assertThat(ClientProxy.unwrap(bus)).isInstanceOf(PostgresEphemeralBus.class);
    }

    @Test
    void typingReachesTheConversationsSubscribersThroughTheDatabase() {
        TestApi.Started started = TestApi.startConversation("Tess");
        try (SseClient watcher = SseClient.open(root.resolve("/api/conversations/" + started.id() + "/events"),
                started.token())) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                given().auth().oauth2(started.token()).contentType("application/json").body(Map.of("typing", true))
                        .post("/api/conversations/{id}/typing", started.id()).then().statusCode(204);
                assertThat(watcher.events("typing")).isNotEmpty();
            });
        }
    }

    @Test
    void aFailingDatabaseIsA503NotA500() throws Exception {
        TestApi.Started started = TestApi.startConversation("Outage");
        try (Connection connection = database().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE conversations RENAME TO conversations_away");
            try {
                given().auth().oauth2(started.token()).get("/api/conversations/{id}", started.id())
                        .then().statusCode(503).header("Retry-After", "1").body("error", equalTo("store-unavailable"));
            } finally {
                statement.execute("ALTER TABLE conversations_away RENAME TO conversations");
            }
        }
        given().auth().oauth2(started.token()).get("/api/conversations/{id}", started.id()).then().statusCode(200);
    }

    @Test
    void aStreamWhoseHistoryCannotBeReadEndsAndFreesItsSlot() throws Exception {
        TestApi.Started started = TestApi.startConversation("Replay outage");
        int openBefore = permits.open();
        try (Connection connection = database().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE events RENAME TO events_away");
            try (SseClient stream = SseClient.open(root.resolve("/api/conversations/" + started.id() + "/events"),
                    started.token())) {
                await().atMost(Duration.ofSeconds(10)).until(stream::ended);
                assertThat(stream.events()).isEmpty();
            } finally {
                statement.execute("ALTER TABLE events_away RENAME TO events");
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> permits.open() == openBefore);
        try (SseClient stream = SseClient.open(root.resolve("/api/conversations/" + started.id() + "/events"),
                started.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("conversation").isEmpty());
        }
    }

    /** The test's database, as the application is configured to use it. */
    private static PGSimpleDataSource database() {
        Config config = ConfigProvider.getConfig();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(config.getValue("quarkus.datasource.jdbc.url", String.class));
        dataSource.setUser(config.getValue("quarkus.datasource.username", String.class));
        dataSource.setPassword(config.getValue("quarkus.datasource.password", String.class));
        return dataSource;
    }

    @Test
    void anAgentOnlineIsGivenAQueuedConversation() {
        String token = TestApi.agentToken("alice");
        TestApi.setStatus(token, "ONLINE");
        try {
            TestApi.Started started = TestApi.startConversation("Quinn");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "ASSIGNED".equals(TestApi.status(started.id(), started.token())));
        } finally {
            TestApi.setStatus(token, "OFFLINE");
        }
    }

    @Test
    void notesStayWithAgentsAndSearchFindsChineseAndEnglishThroughTheDatabase() {
        TestApi.Started started = TestApi.startConversation("Pg workspace");
        String agent = TestApi.agentToken("alice");
        long message = TestApi.post(started.id(), started.token(), "申请退款 for my teapot-" + started.id());
        given().auth().oauth2(agent).contentType("application/json").body(Map.of("text", "private 私密"))
                .post("/api/conversations/{id}/notes", started.id()).then().statusCode(201);
        assertThat(given().auth().oauth2(started.token()).get("/api/conversations/{id}/messages", started.id())
                .then().statusCode(200).body("messages.size()", equalTo(1)).extract().<Number>path("lastEventId")
                .longValue()).isEqualTo(message);
        given().auth().oauth2(agent).get("/api/conversations/{id}/messages", started.id()).then()
                .statusCode(200).body("messages.kind", equalTo(List.of("message", "note")));
        for (String query : List.of("退款", "teapot-" + started.id())) {
            given().auth().oauth2(agent).queryParam("q", query).get("/api/conversations/search").then()
                    .statusCode(200).body("conversations[0].conversation.id", equalTo(started.id()));
        }
    }

    @Test
    void attachmentsRatingsAndFollowUpsLiveInTheDatabase() {
        TestApi.Started started = TestApi.startConversation("Pg customer side");
        String id = given().auth().oauth2(started.token())
                .multiPart("file", "mug.png", TestFiles.PNG, "image/png")
                .post("/api/conversations/{id}/attachments", started.id()).then().statusCode(201)
                .extract().path("attachment.id");
        given().auth().oauth2(started.token()).contentType("application/json")
                .body(Map.of("attachments", List.of(id))).post("/api/conversations/{id}/messages", started.id())
                .then().statusCode(201).body("message.attachments[0].id", equalTo(id));
        given().auth().oauth2(started.token()).get("/api/conversations/{id}/messages", started.id()).then()
                .statusCode(200).body("messages[0].message.attachments[0].contentType", equalTo("image/png"));
        assertThat(given().auth().oauth2(started.token()).get("/api/attachments/{id}", id).then().statusCode(200)
                .extract().asByteArray()).isEqualTo(TestFiles.PNG);
        given().auth().oauth2(started.token()).contentType("application/json")
                .body(Map.of("email", "pg@example.com")).put("/api/conversations/{id}/contact", started.id())
                .then().statusCode(200).body("conversation.followUp", equalTo("email"));
        given().auth().oauth2(started.token()).post("/api/conversations/{id}/resolve", started.id()).then()
                .statusCode(200);
        given().auth().oauth2(started.token()).contentType("application/json").body(Map.of("score", 5))
                .post("/api/conversations/{id}/rating", started.id()).then().statusCode(201);
        given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations/{id}", started.id()).then()
                .statusCode(200).body("conversation.rating.score", equalTo(5))
                .body("conversation.customer.email", equalTo("pg@example.com"));
    }
}
