package dev.livedesk.agent;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.HistoryEntry;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Tag("quarkus")
@QuarkusTest
@TestProfile(RoutingProfile.class)
class RoutingTest {

    private static final Caller AGENT = new Caller(Role.AGENT, "alice", "Alice", null, Instant.MAX);

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RoutingFixture fixture;

    @Inject
    AgentDirectory agents;

    @Inject
    ChatService chat;

    @BeforeEach
    void blankSlate() {
        fixture.reset();
    }

    private Conversation conversation(String id) {
        return chat.existing(id);
    }

    private void online(String... usernames) {
        for (String username : usernames) {
            TestApi.setStatus(TestApi.agentToken(username), "ONLINE");
        }
    }

    private static void resolve(Started conversation) {
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id())
                .then().statusCode(200);
    }

    @Test
    void aQueuedConversationGoesToTheAgentWhoComesOnline() {
        Started conversation = TestApi.startConversation("Early");
        assertThat(conversation(conversation.id()).status()).isEqualTo(ConversationStatus.QUEUED);
        online("alice");
        await().atMost(WAIT).until(() -> conversation(conversation.id()).status() == ConversationStatus.ASSIGNED);
        assertThat(conversation(conversation.id()).assigneeId()).isEqualTo("alice");
    }

    @Test
    void newConversationsGoToTheLeastBusyOnlineAgent() {
        online("alice", "bob");
        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assignees.add(conversation(TestApi.startConversation("Customer " + i).id()).assigneeId());
        }
        assertThat(assignees).containsExactlyInAnyOrder("alice", "alice", "bob", "bob");
        assertThat(assignees.subList(0, 2)).containsExactlyInAnyOrder("alice", "bob");
    }

    /** An inbox an admin made, with these agents as its members; answers its website token. */
    private static String inboxOf(String... members) {
        io.restassured.path.json.JsonPath inbox = given().auth().oauth2(TestApi.agentToken("erin"))
                .contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("name", "Brand"))
                .post("/api/inboxes").then().statusCode(201).extract().jsonPath();
        given().auth().oauth2(TestApi.agentToken("erin")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("agentIds", List.of(members)))
                .put("/api/inboxes/{id}/members", inbox.getString("inbox.id")).then().statusCode(200);
        return inbox.getString("inbox.websiteToken");
    }

    private static String startIn(String websiteToken, String name) {
        return given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("websiteToken", websiteToken, "customerName", name)).post("/api/conversations")
                .then().statusCode(201).extract().path("conversation.id");
    }

    @Test
    void aConversationOfAnInboxGoesOnlyToTheAgentsWhoBelongToIt() {
        String brand = inboxOf("carol");
        online("bob", "carol");

        String id = startIn(brand, "Brand customer");

        await().atMost(WAIT).until(() -> conversation(id).status() == ConversationStatus.ASSIGNED);
        assertThat(conversation(id).assigneeId()).isEqualTo("carol");
    }

    @Test
    void aConversationWhoseInboxHasNobodyOnlineWaitsWithoutHoldingUpTheOnesBehindIt() {
        String brand = inboxOf("dave");
        online("alice");

        String waiting = startIn(brand, "Brand customer");
        Started behind = TestApi.startConversation("Default customer");

        await().atMost(WAIT).until(() -> conversation(behind.id()).status() == ConversationStatus.ASSIGNED);
        assertThat(conversation(behind.id()).assigneeId()).isEqualTo("alice");
        assertThat(conversation(waiting).status()).isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void awayAgentsGetNothing() {
        online("alice");
        TestApi.setStatus(TestApi.agentToken("alice"), "AWAY");
        Started conversation = TestApi.startConversation("Waiting");
        assertThat(conversation(conversation.id()).status()).isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void aFullAgentFreesUpAndTakesTheLongestWaitingConversation() {
        online("alice");
        Started first = TestApi.startConversation("First");
        TestApi.startConversation("Second");
        Started third = TestApi.startConversation("Third");
        Started fourth = TestApi.startConversation("Fourth");
        assertThat(conversation(third.id()).status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(conversation(fourth.id()).status()).isEqualTo(ConversationStatus.QUEUED);

        resolve(first);
        await().atMost(WAIT).until(() -> conversation(third.id()).status() == ConversationStatus.ASSIGNED);
        assertThat(conversation(fourth.id()).status()).isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void neverAssignsTwiceOrPastCapacityUnderConcurrency() throws Exception {
        int conversations = 20;
        // One agent comes online with every fifth conversation: as many agents as that, or all there are.
        List<String> usernames = agents.all().stream().map(AgentAccount::username).limit(conversations / 5).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                int n = i;
                work.add(() -> TestApi.startConversation("Rush " + n).id());
                if (i % 5 == 0) {
                    String username = usernames.get((i / 5) % usernames.size());
                    work.add(() -> {
                        online(username);
                        return null;
                    });
                }
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(work)) {
                if (result.get() != null) {
                    ids.add(result.get());
                }
            }
            int capacity = usernames.size() * RoutingProfile.CAPACITY;
            await().atMost(WAIT).until(() -> chat.list(ConversationStatus.ASSIGNED, null).size() == capacity);

            Map<String, Long> load = chat.list(ConversationStatus.ASSIGNED, null).stream()
                    .collect(Collectors.groupingBy(Conversation::assigneeId, Collectors.counting()));
            assertThat(load.values()).allMatch(count -> count == RoutingProfile.CAPACITY);
            for (String id : ids) {
                long joins = chat.messages(AGENT, id, null, "200").messages().stream().map(HistoryEntry::message)
                        .filter(message -> message.text().endsWith("joined the conversation")).count();
                assertThat(joins).as("assignments of %s", id)
                        .isEqualTo(conversation(id).status() == ConversationStatus.ASSIGNED ? 1 : 0);
            }
            assertThat(chat.list(ConversationStatus.QUEUED, null)).hasSize(conversations - capacity);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void queueOrderIsFirstComeFirstServed() {
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(TestApi.startConversation("Patient " + i).id());
        }
        online("bob");
        Function<String, ConversationStatus> status = id -> conversation(id).status();
        await().atMost(WAIT).until(() -> status.apply(waiting.get(1)) == ConversationStatus.ASSIGNED);
        assertThat(status.apply(waiting.get(0))).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(status.apply(waiting.get(2))).isEqualTo(ConversationStatus.QUEUED);
    }
}
