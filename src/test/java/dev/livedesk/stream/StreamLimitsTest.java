package dev.livedesk.stream;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stream caps answer 429 before a stream starts and free their slot when it ends; expired tokens end streams. */
@Tag("quarkus")
@QuarkusTest
@TestProfile(StreamLimitsProfile.class)
class StreamLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @Inject
    StreamPermits permits;

    private final List<SseClient> opened = new ArrayList<>();

    @BeforeEach
    void noStreamsLeftOver() {
        await().atMost(WAIT).until(() -> permits.open() == 0);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SseClient::close);
    }

    private SseClient open(Started conversation) {
        SseClient client = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                conversation.token());
        opened.add(client);
        return client;
    }

    private SseClient openStatus() {
        SseClient client = SseClient.open(root.resolve("/api/status/events"), Map.of());
        opened.add(client);
        return client;
    }

    @Test
    void refusesAStreamPastThePerTokenCapWithRetryAfter() {
        Started conversation = TestApi.startConversation("Tabs");
        for (int i = 0; i < StreamLimitsProfile.PER_TOKEN; i++) {
            assertThat(open(conversation).status()).isEqualTo(200);
        }
        SseClient refused = open(conversation);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValue(Integer.toString(StreamPermits.RETRY_AFTER_SECONDS));
        assertThat(refused.errorBody()).contains("\"error\":\"too-many-streams\"");
    }

    @Test
    void aClosedStreamFreesItsSlot() {
        Started conversation = TestApi.startConversation("Reload");
        SseClient first = open(conversation);
        open(conversation);
        first.close();
        await().atMost(WAIT).until(() -> permits.open() == StreamLimitsProfile.PER_TOKEN - 1);
        assertThat(open(conversation).status()).isEqualTo(200);
    }

    @Test
    void refusesAStreamPastThePerAddressCap() {
        for (int i = 0; i < StreamLimitsProfile.PER_ADDRESS; i++) {
            assertThat(openStatus().status()).isEqualTo(200);
        }
        assertThat(openStatus().status()).isEqualTo(429);
        assertThat(open(TestApi.startConversation("Crowded")).status()).isEqualTo(429);
    }

    @Test
    void refusesAStreamPastTheProcessWideCap() {
        for (int i = 0; i < StreamLimitsProfile.TOTAL; i++) {
            SseClient client = SseClient.open(root.resolve("/api/status/events"), Map.of(), "127.0.0." + (2 + i % 3));
            opened.add(client);
            assertThat(client.status()).isEqualTo(200);
        }
        SseClient refused = SseClient.open(root.resolve("/api/status/events"), Map.of(), "127.0.0.9");
        opened.add(refused);
        assertThat(refused.status()).isEqualTo(429);
    }

    @Test
    void refusedStreamsTakeNoSlot() {
        Started conversation = TestApi.startConversation("Retry");
        for (int i = 0; i < StreamLimitsProfile.PER_TOKEN + 3; i++) {
            open(conversation);
        }
        assertThat(permits.open()).isEqualTo(StreamLimitsProfile.PER_TOKEN);
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        Started conversation = TestApi.startConversation("Short lived");
        SseClient client = open(conversation);
        assertThat(client.status()).isEqualTo(200);
        await().atMost(WAIT).until(client::ended);
        SseClient again = open(conversation);
        assertThat(again.status()).isEqualTo(401);
    }
}
