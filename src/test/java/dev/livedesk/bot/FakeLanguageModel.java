package dev.livedesk.bot;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local server that speaks OpenAI's streaming chat-completions protocol ({@code data:} chunks, then
 * {@code data: [DONE]}), for the assistant's generated answers. What it does next is set over HTTP
 * ({@code PUT /mode/<mode>}), because the test and the application may not share classes: {@code answer} streams
 * "We accept PayPal and cards." in four chunks; {@code slow} sends one chunk and then nothing for a minute;
 * {@code failing} answers 500; {@code garbage} streams lines that are not JSON; {@code empty} streams no content;
 * {@code refuse} streams the model's NO_ANSWER. {@code GET /last} returns the last request body.
 */
public class FakeLanguageModel implements QuarkusTestResourceLifecycleManager {

    static final String ANSWER = "We accept PayPal and cards.";

    private Vertx vertx;
    private final AtomicReference<String> mode = new AtomicReference<>("answer");
    private final AtomicReference<String> lastRequest = new AtomicReference<>("");

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            if (path.startsWith("/mode/")) {
                mode.set(path.substring("/mode/".length()));
                request.response().end("ok");
            } else if (path.equals("/last")) {
                request.response().end(lastRequest.get());
            } else if (path.endsWith("/chat/completions")) {
                request.body().onSuccess(body -> {
                    lastRequest.set(body.toString());
                    respond(request.response());
                });
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        try {
            server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fake language model did not start", e);
        }
        return Map.of("livedesk.bot.llm.base-url", "http://localhost:" + server.actualPort() + "/v1",
                "livedesk.bot.llm.api-key", "test-key", "livedesk.bot.llm.model", "fake-model",
                "livedesk.bot.llm.timeout", "1500ms");
    }

    private void respond(HttpServerResponse response) {
        switch (mode.get()) {
            case "failing" -> response.setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
            case "garbage" -> stream(response).write("data: {this is not json\n\n")
                    .compose(v -> response.end("data: <html>oops</html>\n\n"));
            case "empty" -> stream(response).write(chunk("")).compose(v -> response.end(done()));
            case "refuse" -> stream(response).write(chunk("NO_ANSWER")).compose(v -> response.end(done()));
            case "slow" -> stream(response).write(chunk("Let me think"));
            default -> {
                stream(response);
                String[] tokens = {"We accept ", "PayPal ", "and ", "cards."};
                for (int i = 0; i < tokens.length; i++) {
                    String token = tokens[i];
                    vertx.setTimer(50L * (i + 1), t -> response.write(chunk(token)));
                }
                vertx.setTimer(50L * (tokens.length + 1), t -> response.end(done()));
            }
        }
    }

    private static HttpServerResponse stream(HttpServerResponse response) {
        return response.setChunked(true).putHeader("Content-Type", "text/event-stream");
    }

    private static String chunk(String content) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String done() {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
