package dev.livedesk.auth;

import dev.livedesk.agent.RoutingProfile;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every credential against every endpoint that needs one: only the allowed cells succeed; a valid credential
 * elsewhere is 403, an invalid or missing one 401. Runs with the routing profile because setting a status makes an
 * agent ONLINE, which must not route other tests' conversations.
 */
@QuarkusTest
@TestProfile(RoutingProfile.class)
class AuthorizationMatrixTest {

    /** Who calls. */
    enum Credential { OWN_CUSTOMER, OTHER_CUSTOMER, AGENT, NONE, EXPIRED, FORGED, TAMPERED }

    /** What is called, on the own customer's conversation where it concerns one; and who may call it. */
    enum Endpoint {
        GET_CONVERSATION(EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT)),
        GET_MESSAGES(EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT)),
        POST_MESSAGE(EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT)),
        TYPING(EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT)),
        READ(EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT)),
        RESOLVE(EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT)),
        CONVERSATION_EVENTS(EnumSet.of(Credential.OWN_CUSTOMER, Credential.AGENT)),
        ASSIGN(EnumSet.of(Credential.AGENT)),
        LIST_CONVERSATIONS(EnumSet.of(Credential.AGENT)),
        LIST_AGENTS(EnumSet.of(Credential.AGENT)),
        ME(EnumSet.of(Credential.AGENT)),
        SET_STATUS(EnumSet.of(Credential.AGENT)),
        AGENTS_EVENTS(EnumSet.of(Credential.AGENT));

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
    void onlyAllowedCellsSucceed(Credential credential, Endpoint endpoint) {
        Started own = TestApi.startConversation("Own");
        Started other = TestApi.startConversation("Other");
        String token = token(credential, own, other);
        int status = call(endpoint, own, token);
        if (endpoint.allowed.contains(credential)) {
            assertThat(status).as("%s may %s", credential, endpoint).isBetween(200, 299);
        } else if (Set.of(Credential.OWN_CUSTOMER, Credential.OTHER_CUSTOMER, Credential.AGENT).contains(credential)) {
            assertThat(status).as("%s may not %s", credential, endpoint).isEqualTo(403);
        } else {
            assertThat(status).as("%s is no credential for %s", credential, endpoint).isEqualTo(401);
        }
    }

    private String token(Credential credential, Started own, Started other) {
        return switch (credential) {
            case OWN_CUSTOMER -> own.token();
            case OTHER_CUSTOMER -> other.token();
            case AGENT -> TestApi.agentToken("alice");
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
            case GET_CONVERSATION -> as(token).get(base).statusCode();
            case GET_MESSAGES -> as(token).get(base + "/messages").statusCode();
            case POST_MESSAGE -> as(token).body(Map.of("text", "hello")).post(base + "/messages").statusCode();
            case TYPING -> as(token).body(Map.of("typing", true)).post(base + "/typing").statusCode();
            case READ -> as(token).body(Map.of("upTo", TestApi.lastEventId(own.id(), own.token())))
                    .post(base + "/read").statusCode();
            case RESOLVE -> as(token).post(base + "/resolve").statusCode();
            case ASSIGN -> as(token).body(Map.of()).post(base + "/assign").statusCode();
            case LIST_CONVERSATIONS -> as(token).get("/api/conversations").statusCode();
            case LIST_AGENTS -> as(token).get("/api/agents").statusCode();
            case ME -> as(token).get("/api/agents/me").statusCode();
            case SET_STATUS -> as(token).body(Map.of("status", "AWAY")).put("/api/agents/me/status").statusCode();
            case CONVERSATION_EVENTS -> stream(base + "/events", token);
            case AGENTS_EVENTS -> stream("/api/agents/events", token);
        };
    }

    private static RequestSpecification as(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return token == null ? request : request.auth().oauth2(token);
    }

    private int stream(String path, String token) {
        try (SseClient client = SseClient.open(root.resolve(path),
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token))) {
            return client.status();
        }
    }
}
