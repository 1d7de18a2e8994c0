package dev.livedesk.auth;

import dev.livedesk.agent.RoutingProfile;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestFiles;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of caller against every endpoint: only the allowed cells get past authorization (any answer but 401 and
 * 403: some allowed calls are refused later for the state they find, e.g. rating an open conversation); a valid
 * credential elsewhere is 403, an invalid or missing one 401. Runs with the routing profile because setting a status
 * makes an agent ONLINE, which must not route other tests' conversations.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(RoutingProfile.class)
class AuthorizationMatrixTest {

    /**
     * Who calls: the conversation's own customer, another conversation's, a customer the website verified, an agent
     * of the conversation's inbox (bob), an agent outside it (carol), a supervisor of the inbox (alice), an admin
     * (erin, who belongs to no inbox but the default one).
     */
    enum Credential {
        OWN_CUSTOMER, OTHER_CUSTOMER, VERIFIED_CUSTOMER, AGENT, AGENT_OUTSIDE_INBOX, SUPERVISOR, ADMIN, NONE, EXPIRED,
        FORGED, TAMPERED
    }

    private static final Set<Credential> EVERYONE = EnumSet.allOf(Credential.class);
    private static final Set<Credential> CONVERSATION = EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT,
            Credential.SUPERVISOR, Credential.ADMIN);
    /** Staff who may see the conversation: those of its inbox, and admins. */
    private static final Set<Credential> INBOX_STAFF = EnumSet.of(Credential.AGENT, Credential.SUPERVISOR,
            Credential.ADMIN);
    private static final Set<Credential> STAFF = EnumSet.of(Credential.AGENT, Credential.AGENT_OUTSIDE_INBOX,
            Credential.SUPERVISOR, Credential.ADMIN);
    private static final Set<Credential> CUSTOMER = EnumSet.of(Credential.OWN_CUSTOMER);
    private static final Set<Credential> SUPERVISORS = EnumSet.of(Credential.SUPERVISOR, Credential.ADMIN);
    private static final Set<Credential> ADMINS = EnumSet.of(Credential.ADMIN);
    private static final Set<Credential> CUSTOMERS = EnumSet.of(Credential.OWN_CUSTOMER, Credential.OTHER_CUSTOMER,
            Credential.VERIFIED_CUSTOMER);

    /** What is called, on the own customer's conversation where it concerns one; and who may call it. */
    enum Endpoint {
        START_CONVERSATION(EVERYONE),
        SIGN_OUT(EVERYONE),
        DESK_STATUS(EVERYONE),
        DESK_STATUS_EVENTS(EVERYONE),
        GET_CONVERSATION(CONVERSATION),
        GET_MESSAGES(CONVERSATION),
        POST_MESSAGE(CONVERSATION),
        TYPING(CONVERSATION),
        READ(CONVERSATION),
        RESOLVE(CONVERSATION),
        UPLOAD(CONVERSATION),
        DOWNLOAD(CONVERSATION),
        CONVERSATION_EVENTS(CONVERSATION),
        CONTACT(CUSTOMER),
        RATING(CUSTOMER),
        ASSIGN(INBOX_STAFF),
        VIEWING(INBOX_STAFF),
        REOPEN(INBOX_STAFF),
        LABELS(INBOX_STAFF),
        NOTE(INBOX_STAFF),
        CUSTOMER_HISTORY(INBOX_STAFF),
        LIST_CONVERSATIONS(STAFF),
        COUNTS(STAFF),
        SEARCH(STAFF),
        CANNED_RESPONSES(STAFF),
        LIST_AGENTS(STAFF),
        ME(STAFF),
        SET_STATUS(STAFF),
        GAPS(STAFF),
        AGENTS_EVENTS(STAFF),
        REPORT_SUMMARY(SUPERVISORS),
        REPORT_CSV(SUPERVISORS),
        LIST_INBOXES(STAFF),
        CREATE_INBOX(ADMINS),
        UPDATE_INBOX(ADMINS),
        INBOX_MEMBERS(ADMINS),
        IDENTIFY(EVERYONE),
        MY_CONVERSATIONS(CUSTOMERS);

        final Set<Credential> allowed;

        Endpoint(Set<Credential> allowed) {
            this.allowed = allowed;
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Inject
    LiveDeskConfig config;

    static Stream<Arguments> cells() {
        return Stream.of(Credential.values())
                .flatMap(credential -> Stream.of(Endpoint.values()).map(endpoint -> Arguments.of(credential, endpoint)));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("cells")
    void onlyAllowedCellsGetPastAuthorization(Credential credential, Endpoint endpoint) {
        Started own = startInMatrixInbox();
        Started other = TestApi.startConversation("Other");
        String token = token(credential, own, other);
        int status = call(endpoint, own, token);
        if (endpoint.allowed.contains(credential)) {
            assertThat(status).as("%s may %s", credential, endpoint).isBetween(200, 499).isNotIn(401, 403);
        } else if (EnumSet.of(Credential.OWN_CUSTOMER, Credential.OTHER_CUSTOMER, Credential.VERIFIED_CUSTOMER,
                Credential.AGENT, Credential.AGENT_OUTSIDE_INBOX, Credential.SUPERVISOR, Credential.ADMIN)
                .contains(credential)) {
            assertThat(status).as("%s may not %s", credential, endpoint).isEqualTo(403);
        } else {
            assertThat(status).as("%s is no credential for %s", credential, endpoint).isEqualTo(401);
        }
    }

    private String token(Credential credential, Started own, Started other) {
        return switch (credential) {
            case OWN_CUSTOMER -> own.token();
            case OTHER_CUSTOMER -> other.token();
            case AGENT -> TestApi.agentToken("bob");
            case AGENT_OUTSIDE_INBOX -> TestApi.agentToken("carol");
            case VERIFIED_CUSTOMER -> verifiedCustomer();
            case ADMIN -> TestApi.agentToken("erin");
            case SUPERVISOR -> TestApi.agentToken("alice");
            case NONE -> null;
            case EXPIRED -> new TokenService(config.auth(),
                    Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC))
                    .issueAgent("alice", "Alice", Role.SUPERVISOR);
            case FORGED -> TokenServiceTest.service("a-different-key-that-is-long-enough-1234").issueAgent("alice", "A", Role.SUPERVISOR);
            case TAMPERED -> {
                String[] parts = own.token().split("\\.");
                String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"role\":\"CUSTOMER\"", "\"role\":\"AGENT\"");
                yield parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(payload.getBytes()) + "." + parts[2];
            }
        };
    }

    private int call(Endpoint endpoint, Started own, String token) {
        String base = "/api/conversations/" + own.id();
        return switch (endpoint) {
            case START_CONVERSATION -> as(token).body(Map.of()).post("/api/conversations").statusCode();
            case SIGN_OUT -> as(token).post("/api/agents/logout").statusCode();
            case DESK_STATUS -> as(token).get("/api/status").statusCode();
            case DESK_STATUS_EVENTS -> stream("/api/status/events", token);
            case GET_CONVERSATION -> as(token).get(base).statusCode();
            case GET_MESSAGES -> as(token).get(base + "/messages").statusCode();
            case POST_MESSAGE -> as(token).body(Map.of("text", "hello")).post(base + "/messages").statusCode();
            case TYPING -> as(token).body(Map.of("typing", true)).post(base + "/typing").statusCode();
            case READ -> as(token).body(Map.of("upTo", TestApi.lastEventId(own.id(), own.token())))
                    .post(base + "/read").statusCode();
            case RESOLVE -> as(token).post(base + "/resolve").statusCode();
            case UPLOAD -> bare(token).multiPart("file", "photo.png", TestFiles.PNG, "image/png")
                    .post(base + "/attachments").statusCode();
            case DOWNLOAD -> as(token).get("/api/attachments/" + upload(own)).statusCode();
            case CONVERSATION_EVENTS -> stream(base + "/events", token);
            case CONTACT -> as(token).body(Map.of("email", "ann@example.com")).put(base + "/contact").statusCode();
            case RATING -> as(token).body(Map.of("score", 5)).post(base + "/rating").statusCode();
            case ASSIGN -> as(token).body(Map.of()).post(base + "/assign").statusCode();
            case VIEWING -> as(token).body(Map.of("viewing", true)).post(base + "/viewing").statusCode();
            case REOPEN -> as(token).post(base + "/reopen").statusCode();
            case LABELS -> as(token).body(Map.of("labels", List.of("vip"))).put(base + "/labels").statusCode();
            case NOTE -> as(token).body(Map.of("text", "for colleagues")).post(base + "/notes").statusCode();
            case CUSTOMER_HISTORY -> as(token).get(base + "/customer-history").statusCode();
            case LIST_CONVERSATIONS -> as(token).get("/api/conversations").statusCode();
            case COUNTS -> as(token).get("/api/conversations/counts").statusCode();
            case SEARCH -> as(token).queryParam("q", "hello").get("/api/conversations/search").statusCode();
            case CANNED_RESPONSES -> as(token).get("/api/canned-responses").statusCode();
            case LIST_AGENTS -> as(token).get("/api/agents").statusCode();
            case ME -> as(token).get("/api/agents/me").statusCode();
            case SET_STATUS -> as(token).body(Map.of("status", "AWAY")).put("/api/agents/me/status").statusCode();
            case GAPS -> as(token).get("/api/assistant/gaps").statusCode();
            case AGENTS_EVENTS -> stream("/api/agents/events", token);
            case REPORT_SUMMARY -> as(token).get("/api/reports/summary").statusCode();
            case REPORT_CSV -> as(token).get("/api/reports/conversations.csv").statusCode();
            case LIST_INBOXES -> as(token).get("/api/inboxes").statusCode();
            case IDENTIFY -> as(token).body(Map.of("identifier", "someone")).post("/api/customers/identify")
                    .statusCode();
            case MY_CONVERSATIONS -> as(token).get("/api/customers/me/conversations").statusCode();
            case CREATE_INBOX -> as(token).body(Map.of("name", "Matrix")).post("/api/inboxes").statusCode();
            case UPDATE_INBOX -> as(token).body(Map.of("name", "Matrix")).put("/api/inboxes/" + inbox())
                    .statusCode();
            case INBOX_MEMBERS -> as(token).body(Map.of("agentIds", List.of("bob")))
                    .put("/api/inboxes/" + inbox() + "/members").statusCode();
        };
    }

    /** A customer the default inbox's website identified (with a valid hash), who owns none of these conversations. */
    private static String verifiedCustomer() {
        String secret = given().auth().oauth2(TestApi.agentToken("erin")).get("/api/inboxes").then().statusCode(200)
                .extract().path("inboxes.find { it.id == 'default' }.identitySecret");
        String hash = java.util.HexFormat.of().formatHex(dev.livedesk.customer.IdentityServiceAccess.hmac(secret,
                "matrix-user"));
        return given().contentType(ContentType.JSON)
                .body(Map.of("identifier", "matrix-user", "identifierHash", hash)).post("/api/customers/identify")
                .then().statusCode(200).extract().path("token");
    }

    /** The website token of an inbox of bob and alice, made once, where the own conversations start. */
    private static volatile String matrixInbox;

    private static Started startInMatrixInbox() {
        if (matrixInbox == null) {
            String erin = TestApi.agentToken("erin");
            io.restassured.response.Response created = given().auth().oauth2(erin).contentType(ContentType.JSON)
                    .body(Map.of("name", "Bob and Alice")).post("/api/inboxes").then().statusCode(201).extract()
                    .response();
            given().auth().oauth2(erin).contentType(ContentType.JSON)
                    .body(Map.of("agentIds", List.of("bob", "alice")))
                    .put("/api/inboxes/{id}/members", created.<String>path("inbox.id")).then().statusCode(200);
            matrixInbox = created.path("inbox.websiteToken");
        }
        io.restassured.response.Response started = given().contentType(ContentType.JSON)
                .body(Map.of("customerName", "Own", "websiteToken", matrixInbox)).post("/api/conversations")
                .then().statusCode(201).extract().response();
        return new Started(started.path("conversation.id"), started.path("token"));
    }

    /** An inbox an admin made, for the calls that change one. */
    private static String inbox() {
        return given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "For the matrix")).post("/api/inboxes").then().statusCode(201).extract()
                .path("inbox.id");
    }

    /** An attachment of the own conversation, uploaded by its customer. */
    private static String upload(Started own) {
        return given().auth().oauth2(own.token()).multiPart("file", "photo.png", TestFiles.PNG, "image/png")
                .post("/api/conversations/{id}/attachments", own.id()).then().statusCode(201).extract()
                .path("attachment.id");
    }

    private static RequestSpecification as(String token) {
        return bare(token).contentType(ContentType.JSON);
    }

    private static RequestSpecification bare(String token) {
        RequestSpecification request = given();
        return token == null ? request : request.auth().oauth2(token);
    }

    private int stream(String path, String token) {
        try (SseClient client = SseClient.open(root.resolve(path),
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token))) {
            return client.status();
        }
    }
}
