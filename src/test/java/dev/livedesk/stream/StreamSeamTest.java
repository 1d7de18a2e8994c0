package dev.livedesk.stream;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seam between replay and live: subscribers connect, some resuming from an id, while many clients post.
 * Every subscriber must receive every event of its stream after its resume point exactly once, in id order.
 */
@Tag("quarkus")
@QuarkusTest
class StreamSeamTest {

    private static final int POSTERS = 8;
    private static final int MESSAGES_PER_POSTER = 40;
    private static final int SUBSCRIBERS = 24;
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":(\\d+)");

    @TestHTTPResource("/")
    URI root;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A subscriber and the id it resumed after (0 for a first connect). */
    private record Subscription(SseClient client, long resumedAfter, boolean agents) {
    }

    @Test
    void everySubscriberGetsEveryEventAfterItsResumePointExactlyOnceInOrder() throws Exception {
        Started conversation = TestApi.startConversation("Seam");
        String agent = TestApi.agentToken("alice");
        long createdId = TestApi.lastEventId(conversation.id(), conversation.token());
        ConcurrentSkipListSet<Long> acknowledged = new ConcurrentSkipListSet<>(List.of(createdId));
        List<Subscription> subscriptions = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(POSTERS + 4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int p = 0; p < POSTERS; p++) {
                int poster = p;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < MESSAGES_PER_POSTER; i++) {
                        acknowledged.add(post(conversation, "poster " + poster + " message " + i));
                    }
                    return null;
                }));
            }
            for (int c = 0; c < 4; c++) {
                int connector = c;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int s = connector; s < SUBSCRIBERS; s += 4) {
                        subscriptions.add(subscribe(conversation, agent, s, acknowledged));
                        awaitMoreAcknowledged(acknowledged, ThreadLocalRandom.current().nextInt(1, 12));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(acknowledged).hasSize(1 + POSTERS * MESSAGES_PER_POSTER);
            for (Subscription subscription : subscriptions) {
                List<Long> expected = new ArrayList<>(acknowledged.tailSet(subscription.resumedAfter(), false));
                await().atMost(Duration.ofSeconds(20))
                        .alias(describe(subscription, acknowledged))
                        .until(() -> ownIds(subscription, acknowledged).size() >= expected.size());
                assertThat(ownIds(subscription, acknowledged))
                        .as("events of subscriber resuming after %d", subscription.resumedAfter())
                        .isEqualTo(expected);
                if (subscription.agents()) {
                    List<Long> all = subscription.client().ids();
                    assertThat(all).as("agents' stream ids rise strictly").isSortedAccordingTo(Long::compare)
                            .doesNotHaveDuplicates();
                }
            }
        } finally {
            pool.shutdownNow();
            subscriptions.forEach(s -> s.client().close());
        }
    }

    /** Alternates first connects, query resumes, header resumes and agents' streams. */
    private Subscription subscribe(Started conversation, String agentToken, int index, ConcurrentSkipListSet<Long> seen) {
        long resumeAfter = index % 4 == 0 || seen.isEmpty() ? 0 : seen.last();
        URI uri = root.resolve("/api/conversations/" + conversation.id() + "/events");
        return switch (index % 4) {
            case 0 -> new Subscription(SseClient.open(uri, conversation.token()), 0, false);
            case 1 -> new Subscription(SseClient.open(root.resolve(uri.getPath() + "?lastEventId=" + resumeAfter),
                    conversation.token()), resumeAfter, false);
            case 2 -> new Subscription(SseClient.open(uri, Map.of("Authorization", "Bearer " + conversation.token(),
                    "Last-Event-ID", Long.toString(resumeAfter))), resumeAfter, false);
            default -> new Subscription(SseClient.open(root.resolve("/api/agents/events?lastEventId=" + resumeAfter),
                    agentToken), resumeAfter, true);
        };
    }

    private static String describe(Subscription subscription, ConcurrentSkipListSet<Long> acknowledged) {
        List<Long> ids = subscription.client().ids();
        return "subscriber agents=" + subscription.agents() + " after=" + subscription.resumedAfter()
                + " status=" + subscription.client().status() + " ended=" + subscription.client().ended()
                + " received=" + ids.size() + " own=" + ownIds(subscription, acknowledged).size()
                + " events=" + subscription.client().events().size()
                + " comments=" + subscription.client().comments().size()
                + " retries=" + subscription.client().retries()
                + " last=" + (ids.isEmpty() ? "-" : ids.get(ids.size() - 1)) + " acknowledged=" + acknowledged.size() + " up to " + acknowledged.last();
    }

    /** The ids a subscriber received that belong to the conversation under test. */
    private static List<Long> ownIds(Subscription subscription, ConcurrentSkipListSet<Long> acknowledged) {
        List<Long> ids = subscription.client().ids();
        if (!subscription.agents()) {
            return ids;
        }
        TreeSet<Long> own = new TreeSet<>(acknowledged);
        return ids.stream().filter(own::contains).toList();
    }

    private long post(Started conversation, String text) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(root.resolve("/api/conversations/" + conversation.id() + "/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + conversation.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        Matcher matcher = EVENT_ID.matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Lets a few more posts land between two connects, so connects are spread over the whole run. */
    private static void awaitMoreAcknowledged(ConcurrentSkipListSet<Long> acknowledged, int more) {
        int target = Math.min(acknowledged.size() + more, 1 + POSTERS * MESSAGES_PER_POSTER);
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= target);
    }
}
