package dev.livedesk.agent;

import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Outside business hours the desk says it is closed, when it opens, and takes an email to answer at. */
@Tag("quarkus")
@QuarkusTest
@TestProfile(ClosedHoursProfile.class)
class OpeningHoursTest {

    @Test
    void outsideHoursTheDeskIsClosedEvenWithAnAgentOnlineAndSaysWhenItOpens() {
        String alice = TestApi.agentToken("alice");
        TestApi.setStatus(alice, "ONLINE");
        try {
            String opensAt = given().get("/api/status").then().statusCode(200)
                    .body("open", equalTo(false))
                    .body("offlineMessage.en", startsWith("We are away"))
                    .body("offlineMessage.zh", startsWith("我们暂时不在线"))
                    .extract().path("opensAt");
            Instant expected = LocalDate.now(ZoneOffset.UTC).plusDays(1)
                    .with(TemporalAdjusters.nextOrSame(ClosedHoursProfile.OPEN_DAY)).atTime(10, 0)
                    .toInstant(ZoneOffset.UTC);
            assertThat(Instant.parse(opensAt)).isEqualTo(expected);
        } finally {
            TestApi.setStatus(alice, "OFFLINE");
        }
    }

    @Test
    void theCustomerLeavesAnEmailAndTheConversationWaitsForFollowUp() {
        Started conversation = TestApi.startConversation("After hours");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON)
                .body(Map.of("email", "late@example.com")).put("/api/conversations/{id}/contact", conversation.id())
                .then().statusCode(200).body("conversation.followUp", equalTo("email"))
                .body("conversation.status", equalTo("QUEUED"));
        given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations/{id}", conversation.id()).then()
                .statusCode(200).body("conversation.customer.email", equalTo("late@example.com"))
                .body("conversation.followUp", equalTo("email"));
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}/messages", conversation.id()).then()
                .statusCode(200).body("messages[-1].message.text",
                        equalTo("Thanks! We will answer you at late@example.com as soon as we are back."));
    }

    @Test
    void theSameEmailLeftTwiceIsAcknowledgedOnce() {
        Started conversation = TestApi.startConversation("Double submit");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(conversation.token()).contentType(ContentType.JSON)
                    .body(Map.of("email", "twice@example.com"))
                    .put("/api/conversations/{id}/contact", conversation.id()).then().statusCode(200)
                    .body("conversation.followUp", equalTo("email"));
        }
        List<String> texts = given().auth().oauth2(conversation.token())
                .get("/api/conversations/{id}/messages", conversation.id()).then().statusCode(200).extract()
                .path("messages.message.text");
        assertThat(texts).filteredOn(text -> text != null && text.contains("twice@example.com")).hasSize(1);
    }

    @Test
    void anEmailToFollowUpIsValidatedAndOnlyTheCustomerLeavesIt() {
        Started conversation = TestApi.startConversation("Bad contact");
        for (Object body : new Object[]{Map.of("email", "nope"), Map.of(), Map.of("email", 5)}) {
            given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(body)
                    .put("/api/conversations/{id}/contact", conversation.id()).then().statusCode(400);
        }
        given().auth().oauth2(TestApi.agentToken("alice")).contentType(ContentType.JSON)
                .body(Map.of("email", "a@example.com")).put("/api/conversations/{id}/contact", conversation.id())
                .then().statusCode(403);
    }
}
