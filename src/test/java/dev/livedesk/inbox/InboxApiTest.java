package dev.livedesk.inbox;

import dev.livedesk.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
class InboxApiTest {

    private static JsonPath create(Map<String, ?> body) {
        return given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON).body(body)
                .post("/api/inboxes").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath listAs(String agent) {
        return given().auth().oauth2(TestApi.agentToken(agent)).get("/api/inboxes").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void anAdminCreatesAnInboxWithATokenASecretAndNormalizedOrigins() {
        JsonPath created = create(Map.of("name", "Brand", "allowedOrigins",
                List.of("https://Shop.Example", "https://shop.example:443", "http://localhost:8081"),
                "identityVerification", true, "greeting", Map.of("en", "Welcome"), "color", "#1D4ED8"));

        assertThat(created.getString("inbox.id")).isNotBlank();
        assertThat(created.getString("inbox.name")).isEqualTo("Brand");
        assertThat(created.getString("inbox.websiteToken")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(created.getString("inbox.identitySecret")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(created.getList("inbox.allowedOrigins"))
                .containsExactly("https://shop.example", "http://localhost:8081");
        assertThat(created.getBoolean("inbox.identityVerification")).isTrue();
        assertThat(created.getString("inbox.greeting.en")).isEqualTo("Welcome");
        assertThat(created.getString("inbox.color")).isEqualTo("#1d4ed8");
        assertThat(created.getList("inbox.agentIds")).isEmpty();
    }

    @Test
    void anAdminListsEveryInboxWithSecretsTheDefaultFirst() {
        String id = create(Map.of("name", "Listed")).getString("inbox.id");

        JsonPath listed = listAs("erin");

        assertThat(listed.getString("inboxes[0].id")).isEqualTo("default");
        assertThat(listed.getBoolean("inboxes[0].configured")).isTrue();
        assertThat(listed.getList("inboxes[0].agentIds")).contains("alice", "bob", "erin");
        assertThat(listed.getList("inboxes.id")).contains(id);
        assertThat(listed.getList("inboxes.identitySecret")).doesNotContainNull();
    }

    @Test
    void anAgentSeesOnlyTheInboxesTheyBelongToAndNoSecrets() {
        String id = create(Map.of("name", "Members only")).getString("inbox.id");
        assertThat(listAs("carol").getList("inboxes.id")).doesNotContain(id).contains("default");

        given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("agentIds", List.of("carol", "dave"))).put("/api/inboxes/{id}/members", id)
                .then().statusCode(200).body("inbox.agentIds", equalTo(List.of("carol", "dave")));

        JsonPath carols = listAs("carol");
        assertThat(carols.getList("inboxes.id")).contains(id, "default");
        assertThat(carols.getList("inboxes.identitySecret")).containsOnlyNulls();
        assertThat(listAs("bob").getList("inboxes.id")).doesNotContain(id);
    }

    @Test
    void anAdminChangesAnInboxButNotItsTokenOrSecret() {
        JsonPath created = create(Map.of("name", "Before"));
        String id = created.getString("inbox.id");

        JsonPath updated = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "After", "allowedOrigins", List.of("https://after.example")))
                .put("/api/inboxes/{id}", id).then().statusCode(200).extract().jsonPath();

        assertThat(updated.getString("inbox.name")).isEqualTo("After");
        assertThat(updated.getList("inbox.allowedOrigins")).containsExactly("https://after.example");
        assertThat(updated.getString("inbox.websiteToken")).isEqualTo(created.getString("inbox.websiteToken"));
        assertThat(updated.getString("inbox.identitySecret")).isEqualTo(created.getString("inbox.identitySecret"));
    }

    @Test
    void whatAnInboxCannotHoldIsABadRequestWithItsCode() {
        String admin = TestApi.agentToken("erin");
        Map<String, Map<String, ?>> refused = Map.of(
                "invalid-name", Map.of("name", " "),
                "invalid-origins", Map.of("name", "x", "allowedOrigins", List.of("https://shop.example/path")),
                "invalid-color", Map.of("name", "x", "color", "blue"),
                "invalid-greeting", Map.of("name", "x", "greeting", Map.of("fr", "Bonjour")));
        refused.forEach((code, body) -> given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                .post("/api/inboxes").then().statusCode(400).body("error", equalTo(code)));
    }

    @Test
    void membersMustBeAgentsAndTheInboxMustExist() {
        String id = create(Map.of("name", "Strict")).getString("inbox.id");
        String admin = TestApi.agentToken("erin");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("agentIds", List.of("mallory")))
                .put("/api/inboxes/{id}/members", id).then().statusCode(400).body("error", equalTo("unknown-agent"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .put("/api/inboxes/{id}", "no-such-inbox").then().statusCode(404);
    }

    @Test
    void theDefaultInboxIsChangedInConfigurationNotThroughTheApi() {
        String admin = TestApi.agentToken("erin");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Renamed"))
                .put("/api/inboxes/default").then().statusCode(409).body("error", equalTo("configured-inbox"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("agentIds", List.of("bob")))
                .put("/api/inboxes/default/members").then().statusCode(409).body("error", equalTo("configured-inbox"));
    }

    @Test
    void aConversationStartedWithAWebsiteTokenBelongsToItsInbox() {
        JsonPath inbox = create(Map.of("name", "Shop two"));

        given().contentType(ContentType.JSON).body(Map.of("websiteToken", inbox.getString("inbox.websiteToken")))
                .post("/api/conversations").then().statusCode(201)
                .body("conversation.inboxId", equalTo(inbox.getString("inbox.id")));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/conversations").then().statusCode(201)
                .body("conversation.inboxId", equalTo("default"));
        given().contentType(ContentType.JSON).body(Map.of("websiteToken", "default-website-token"))
                .post("/api/conversations").then().statusCode(201).body("conversation.inboxId", equalTo("default"));
    }

    @Test
    void anUnknownWebsiteTokenIsABadRequestAndStartsNothing() {
        given().contentType(ContentType.JSON).body(Map.of("websiteToken", "nobody-has-this"))
                .post("/api/conversations").then().statusCode(400).body("error", equalTo("unknown-inbox"));
    }

    @Test
    void anInboxKeepsItsOwnBusinessHours() {
        JsonPath created = create(Map.of("name", "Weekdays", "hours",
                Map.of("timezone", "Asia/Shanghai", "weekly", "mon-fri 09:00-18:00")));

        assertThat(created.getString("inbox.hours.timezone")).isEqualTo("Asia/Shanghai");
        assertThat(created.getString("inbox.hours.weekly")).isEqualTo("mon-fri 09:00-18:00");
        assertThat(listAs("erin").getString("inboxes.find { it.id == '" + created.getString("inbox.id")
                + "' }.hours.weekly")).isEqualTo("mon-fri 09:00-18:00");
    }

    @Test
    void businessHoursThatCannotBeReadAreABadRequest() {
        for (Map<String, String> hours : List.of(Map.of("timezone", "Mars/Olympus", "weekly", "mon 09:00-17:00"),
                Map.of("timezone", "UTC", "weekly", "weekdays 9 to 5"), Map.of("weekly", "mon 09:00-17:00"))) {
            given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Hours", "hours", hours)).post("/api/inboxes")
                    .then().statusCode(400).body("error", equalTo("invalid-hours"));
        }
    }
}
