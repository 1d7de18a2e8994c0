package dev.livedesk.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

@Tag("quarkus")
@QuarkusTest
class OpenApiTest {

    @Test
    void describesEveryEndpointIncludingTheStreamsAndTheirEvents() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(allOf(containsString("/api/conversations/{id}/messages"), containsString("/api/agents/login"),
                        containsString("/api/conversations/{id}/events"), containsString("/api/agents/events"),
                        containsString("/api/status/events"), containsString("text/event-stream"),
                        containsString("message-delta"), containsString("agent-status")));
    }

    @Test
    void servesSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
