package dev.livedesk.customer;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@Tag("quarkus")
@QuarkusTest
class IdentityApiTest {

    @TestHTTPResource("/")
    URI root;

    /** An inbox of its own, as an admin creates it: its website token and identity secret. */
    private record Site(String id, String websiteToken, String identitySecret) {
        static Site create(boolean identityVerification) {
            JsonPath inbox = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Shop " + UUID.randomUUID(), "identityVerification", identityVerification))
                    .post("/api/inboxes").then().statusCode(201).extract().jsonPath();
            return new Site(inbox.getString("inbox.id"), inbox.getString("inbox.websiteToken"),
                    inbox.getString("inbox.identitySecret"));
        }

        /** What the website's server computes. */
        String hash(String identifier) {
            return HexFormat.of().formatHex(IdentityService.hmac(identitySecret, identifier));
        }
    }

    private static JsonPath identify(Map<String, Object> body, int status) {
        return given().contentType(ContentType.JSON).body(body).post("/api/customers/identify").then()
                .statusCode(status).extract().jsonPath();
    }

    private static JsonPath identify(Site site, String identifier) {
        return identify(Map.of("websiteToken", site.websiteToken(), "identifier", identifier,
                "identifierHash", site.hash(identifier), "name", "Ann Lee", "email", "ann@example.com"), 200);
    }

    private static JsonPath start(Site site, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("websiteToken", site.websiteToken())).post("/api/conversations").then().statusCode(201)
                .extract().jsonPath();
    }

    private static JsonPath mine(String token) {
        return given().auth().oauth2(token).get("/api/customers/me/conversations").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void aValidHashMakesAVerifiedCustomerWithTheSameIdOnEveryDevice() {
        Site site = Site.create(false);
        JsonPath first = identify(site, "user-42");
        JsonPath second = identify(site, "user-42");

        assertThat(first.getBoolean("customer.verified")).isTrue();
        assertThat(first.getString("customer.identifier")).isEqualTo("user-42");
        assertThat(first.getString("customer.name")).isEqualTo("Ann Lee");
        assertThat(first.getString("customer.inboxId")).isEqualTo(site.id());
        assertThat(first.getString("token")).isNotBlank();
        assertThat(second.getString("customer.id")).isEqualTo(first.getString("customer.id"));
    }

    @Test
    void aVerifiedCustomerSeesTheirConversationFromASecondDeviceAndWritesInIt() {
        Site site = Site.create(false);
        String laptop = identify(site, "user-7").getString("token");
        String conversationId = start(site, laptop).getString("conversation.id");
        String phone = identify(site, "user-7").getString("token");

        assertThat(mine(phone).getList("conversations.id")).containsExactly(conversationId);
        given().auth().oauth2(phone).get("/api/conversations/{id}", conversationId).then().statusCode(200);
        given().auth().oauth2(phone).contentType(ContentType.JSON).body(Map.of("text", "from my phone"))
                .post("/api/conversations/{id}/messages", conversationId).then().statusCode(201);
        try (SseClient stream = SseClient.open(root.resolve("/api/conversations/" + conversationId + "/events"), phone)) {
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    @Test
    void agentsSeeTheVerifiedIdentifierOfTheConversationsCustomer() {
        Site site = Site.create(false);
        String token = identify(site, "user-9").getString("token");
        String conversationId = start(site, token).getString("conversation.id");

        given().auth().oauth2(TestApi.agentToken("erin")).get("/api/conversations/{id}", conversationId).then()
                .statusCode(200)
                .body("conversation.customer.identifier", equalTo("user-9"))
                .body("conversation.customer.verified", equalTo(true))
                .body("conversation.customerName", equalTo("Ann Lee"))
                .body("conversation.inboxId", equalTo(site.id()));
    }

    @Test
    void aVerifiedCustomersConversationsAreEarlierConversationsOfEachOther() {
        Site site = Site.create(false);
        String first = start(site, identify(site, "user-3").getString("token")).getString("conversation.id");
        String second = start(site, identify(site, "user-3").getString("token")).getString("conversation.id");

        given().auth().oauth2(TestApi.agentToken("erin")).get("/api/conversations/{id}/customer-history", second)
                .then().statusCode(200).body("conversations.id", equalTo(List.of(first)));
    }

    @Test
    void aWrongHashIsRefusedAndGivesNoToken() {
        Site site = Site.create(false);

        JsonPath refused = identify(Map.of("websiteToken", site.websiteToken(), "identifier", "user-1",
                "identifierHash", site.hash("user-2")), 401);

        assertThat(refused.getString("error")).isEqualTo("invalid-identity");
        assertThat(refused.getString("token")).isNull();
    }

    @Test
    void anInboxThatRequiresVerificationRefusesAnIdentityWithoutAHashButNotAnAnonymousVisitor() {
        Site site = Site.create(true);

        identify(Map.of("websiteToken", site.websiteToken(), "identifier", "user-1"), 401);
        given().contentType(ContentType.JSON).body(Map.of("websiteToken", site.websiteToken()))
                .post("/api/conversations").then().statusCode(201);
        assertThat(identify(site, "user-1").getBoolean("customer.verified")).isTrue();
    }

    @Test
    void anUnverifiedIdentityLinksNothing() {
        Site site = Site.create(false);
        JsonPath one = identify(Map.of("websiteToken", site.websiteToken(), "identifier", "user-5"), 200);
        JsonPath two = identify(Map.of("websiteToken", site.websiteToken(), "identifier", "user-5"), 200);

        assertThat(one.getBoolean("customer.verified")).isFalse();
        assertThat(two.getString("customer.id")).isNotEqualTo(one.getString("customer.id"));
        String conversationId = start(site, one.getString("token")).getString("conversation.id");
        assertThat(mine(two.getString("token")).getList("conversations")).isEmpty();
        given().auth().oauth2(two.getString("token")).get("/api/conversations/{id}", conversationId).then()
                .statusCode(403);
        given().auth().oauth2(TestApi.agentToken("erin")).get("/api/conversations/{id}", conversationId).then()
                .body("conversation.customer.identifier", equalTo("user-5"))
                .body("conversation.customer.verified", equalTo(false));
    }

    @Test
    void aVerifiedCustomerCannotOpenSomeoneElsesConversation() {
        Site site = Site.create(false);
        String ann = identify(site, "ann").getString("token");
        String bobs = start(site, identify(site, "bob").getString("token")).getString("conversation.id");
        String anonymous = TestApi.startConversation("Anonymous").id();

        given().auth().oauth2(ann).get("/api/conversations/{id}", bobs).then().statusCode(403);
        given().auth().oauth2(ann).get("/api/conversations/{id}", anonymous).then().statusCode(403);
        assertThat(mine(ann).getList("conversations")).isEmpty();
    }

    @Test
    void anIdentityOfOneInboxIsNotCarriedIntoAnother() {
        Site shop = Site.create(false);
        Site other = Site.create(false);
        String token = identify(shop, "user-8").getString("token");

        JsonPath started = start(other, token);

        assertThat(started.getString("conversation.inboxId")).isEqualTo(other.id());
        given().auth().oauth2(TestApi.agentToken("erin")).get("/api/conversations/{id}",
                started.getString("conversation.id")).then().body("conversation.customer.identifier", nullValue());
    }

    @Test
    void malformedIdentitiesAreBadRequests() {
        Site site = Site.create(false);
        identify(Map.of("websiteToken", site.websiteToken(), "identifier", " "), 400);
        identify(Map.of("websiteToken", "nobody-has-this", "identifier", "x"), 400);
        identify(Map.of("websiteToken", site.websiteToken(), "identifier", "x", "email", "not-an-email"), 400);
    }
}
