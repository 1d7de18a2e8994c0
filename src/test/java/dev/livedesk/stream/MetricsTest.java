package dev.livedesk.stream;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Tag("quarkus")
@QuarkusTest
class MetricsTest {

    @TestHTTPResource("/")
    URI root;

    private static String metrics() {
        return TestApi.metrics();
    }

    private static double value(String text, String sample) {
        return TestApi.metric(text, sample);
    }

    @Test
    void exposesEveryLiveDeskMeterUnderItsPrometheusName() {
        assertThat(metrics()).contains(
                "livedesk_streams_open{kind=\"conversation\"}", "livedesk_streams_open{kind=\"agents\"}",
                "livedesk_streams_open{kind=\"status\"}", "livedesk_events_published_total",
                "livedesk_events_delivered_total", "livedesk_slow_consumer_disconnects_total",
                "livedesk_replays_total", "livedesk_resets_total", "livedesk_fanout_latency_seconds_bucket",
                "livedesk_assistant_answers_total", "livedesk_assistant_lexical_total",
                "livedesk_assistant_handoffs_total{reason=\"request\"}",
                "livedesk_assistant_handoffs_total{reason=\"misses\"}", "livedesk_queue_length",
                "livedesk_agents_online");
    }

    @Test
    void countsDeliveriesAndTimesTheFanOut() {
        Started conversation = TestApi.startConversation("Measured");
        try (SseClient client = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                conversation.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.ids().size() == 1);
            String before = metrics();
            assertThat(value(before, "livedesk_streams_open{kind=\"conversation\"}")).isGreaterThanOrEqualTo(1);
            long id = TestApi.post(conversation.id(), conversation.token(), "count me");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.ids().contains(id));
            await().atMost(Duration.ofSeconds(10)).until(() -> value(metrics(), "livedesk_events_delivered_total")
                    > value(before, "livedesk_events_delivered_total"));
            assertThat(value(metrics(), "livedesk_fanout_latency_seconds_count"))
                    .isGreaterThan(value(before, "livedesk_fanout_latency_seconds_count"));
        }
    }
}
