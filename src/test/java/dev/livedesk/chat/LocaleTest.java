package dev.livedesk.chat;

import dev.livedesk.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The system messages a customer sees speak the conversation's language. */
@Tag("quarkus")
@QuarkusTest
class LocaleTest {

    private static List<String> notices(String locale) {
        io.restassured.response.Response started = given().contentType(ContentType.JSON)
                .body(locale == null ? Map.of() : Map.of("locale", locale)).post("/api/conversations");
        String id = started.path("conversation.id");
        String token = started.path("token");
        String alice = TestApi.agentToken("alice");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of())
                .post("/api/conversations/{id}/assign", id).then().statusCode(200);
        given().auth().oauth2(token).post("/api/conversations/{id}/resolve", id).then().statusCode(200);
        return given().auth().oauth2(token).get("/api/conversations/{id}/messages", id).then().statusCode(200)
                .extract().path("messages.message.text");
    }

    @Test
    void aChineseConversationGetsChineseNotices() {
        assertThat(notices("zh-CN")).containsExactly("Alice 已加入对话", "对话已结束");
    }

    @Test
    void anyOtherLanguageGetsEnglish() {
        assertThat(notices("en-GB")).containsExactly("Alice joined the conversation", "Conversation resolved");
        assertThat(notices(null)).containsExactly("Alice joined the conversation", "Conversation resolved");
    }
}
