package dev.livedesk.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain HTTP calls to a packaged service in a process of its own, as the packaged-application tests make them. */
public final class ProcessApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessApi() {
    }

    /** One request, JSON body if any, Bearer token if any; throws what the client throws when the service is down. */
    public static HttpResponse<String> send(AppProcess service, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of a GET's answer. */
    public static JsonNode get(AppProcess service, String path, String token) throws IOException, InterruptedException {
        return JSON.readTree(send(service, "GET", path, token, null).body());
    }

    /** Starts a conversation; the service must answer 201. */
    public static TestApi.Started start(AppProcess service, String customerName) {
        try {
            HttpResponse<String> response = send(service, "POST", "/api/conversations", null,
                    "{\"customerName\":\"" + customerName + "\"}");
            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = JSON.readTree(response.body());
            return new TestApi.Started(body.at("/conversation/id").asText(), body.path("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs a demo agent in; answers the agent's token. */
    public static String login(AppProcess service, String agent) throws IOException, InterruptedException {
        HttpResponse<String> response = send(service, "POST", "/api/agents/login", null,
                "{\"username\":\"" + agent + "\",\"password\":\"" + TestApi.PASSWORDS.get(agent) + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("token").asText();
    }

    /**
     * Posts a message with a client message id, again and again (a pause between tries) until the service
     * acknowledges it, as a widget does across a restart; answers its event id.
     *
     * @param targets where each try goes: one service, or replicas in turn
     */
    public static long postUntilAcknowledged(java.util.function.Supplier<AppProcess> targets, TestApi.Started conversation,
                                             String text, String clientMessageId) {
        String body = "{\"text\":\"" + text + "\",\"clientMessageId\":\"" + clientMessageId + "\"}";
        for (int attempt = 0; attempt < 2000; attempt++) {
            try {
                HttpResponse<String> response = send(targets.get(), "POST",
                        "/api/conversations/" + conversation.id() + "/messages", conversation.token(), body);
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    return JSON.readTree(response.body()).path("eventId").asLong();
                }
            } catch (IOException e) {
                // the service is down or went down mid-request: the same clientMessageId goes again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1))
                    .until(() -> true);
        }
        throw new IllegalStateException("never acknowledged: " + clientMessageId);
    }

    /** The first column of every row the query returns, as numbers. */
    public static List<Long> numbers(Connection database, String sql, String... parameters) {
        try (PreparedStatement select = database.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
