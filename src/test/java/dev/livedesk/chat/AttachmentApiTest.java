package dev.livedesk.chat;

import dev.livedesk.support.TestApi.Started;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestFiles;
import dev.livedesk.config.LiveDeskConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Files in conversations over HTTP: types by content, size, who may fetch them, and the clean-up of orphans. */
@Tag("quarkus")
@QuarkusTest
class AttachmentApiTest {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TestHTTPResource("/")
    URI root;

    @Inject
    LiveDeskConfig config;

    private static Response upload(Started conversation, String token, String name, String declared, byte[] bytes) {
        return given().auth().oauth2(token).multiPart("file", name, bytes, declared)
                .post("/api/conversations/{id}/attachments", conversation.id());
    }

    private static String uploaded(Started conversation, String name, byte[] bytes) {
        return upload(conversation, conversation.token(), name, "application/octet-stream", bytes).then()
                .statusCode(201).extract().path("attachment.id");
    }

    private static Response send(Started conversation, String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/messages", conversation.id());
    }

    @Test
    void aPngNamedLikeAPdfIsStoredAsThePngItIsAndServedInlineWithSafeHeaders() {
        Started conversation = TestApi.startConversation("Photo");
        upload(conversation, conversation.token(), "../../etc/receipt.pdf", "application/pdf", TestFiles.PNG).then()
                .statusCode(201).body("attachment.contentType", equalTo("image/png"))
                .body("attachment.name", equalTo("receipt.pdf"))
                .body("attachment.size", equalTo(TestFiles.PNG.length))
                .body("attachment.url", startsWith("/api/attachments/"));
        String id = uploaded(conversation, "photo.png", TestFiles.PNG);
        Response download = given().auth().oauth2(conversation.token()).get("/api/attachments/{id}", id);
        download.then().statusCode(200).contentType("image/png")
                .header("Content-Disposition", startsWith("inline"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", startsWith("sandbox"));
        assertThat(download.asByteArray()).isEqualTo(TestFiles.PNG);
    }

    @Test
    void aDownloadCarriesEachSecurityHeaderOnce() {
        Started conversation = TestApi.startConversation("Photo");
        String id = uploaded(conversation, "photo.png", TestFiles.PNG);

        Response download = given().auth().oauth2(conversation.token()).get("/api/attachments/{id}", id);

        assertThat(download.headers().getValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(download.headers().getValues("Content-Security-Policy")).hasSize(1).first().asString()
                .contains("sandbox");
    }

    @Test
    void aPdfIsServedAsADownload() {
        Started conversation = TestApi.startConversation("Receipt");
        String id = uploaded(conversation, "receipt (1).pdf", PDF);
        given().auth().oauth2(TestApi.agentToken("alice")).get("/api/attachments/{id}", id).then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", equalTo("attachment; filename*=UTF-8''receipt%20%281%29.pdf"));
    }

    @Test
    void anHtmlFileNamedLikeAPngIsRefusedByItsContent() {
        Started conversation = TestApi.startConversation("Sneaky");
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        upload(conversation, conversation.token(), "cat.png", "image/png", html).then().statusCode(415)
                .body("error", equalTo("unsupported-type"));
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        upload(conversation, conversation.token(), "logo.svg", "image/svg+xml", svg).then().statusCode(415);
    }

    @Test
    void aFileOverTheLimitIsRefused() {
        Started conversation = TestApi.startConversation("Huge");
        byte[] big = new byte[(int) config.attachments().maxBytes().asLongValue() + 1];
        System.arraycopy(TestFiles.PNG, 0, big, 0, TestFiles.PNG.length);
        upload(conversation, conversation.token(), "big.png", "image/png", big).then().statusCode(413);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        Started conversation = TestApi.startConversation("Declared");
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/conversations/" + conversation.id() + "/attachments HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: Bearer " + conversation.token() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 52428800\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aMessageCarriesItsConversationsUnusedAttachmentsOnly() {
        Started conversation = TestApi.startConversation("Carrier");
        Started other = TestApi.startConversation("Other");
        String mine = uploaded(conversation, "a.png", TestFiles.PNG);
        String theirs = uploaded(other, "b.png", TestFiles.PNG);
        send(conversation, conversation.token(), Map.of("attachments", List.of(mine))).then().statusCode(201)
                .body("message.text", equalTo(""))
                .body("message.attachments[0].id", equalTo(mine))
                .body("message.attachments[0].url", equalTo("/api/attachments/" + mine));
        send(conversation, conversation.token(), Map.of("text", "again", "attachments", List.of(mine))).then()
                .statusCode(400).body("error", equalTo("invalid-attachments"));
        send(conversation, conversation.token(), Map.of("text", "theirs", "attachments", List.of(theirs))).then()
                .statusCode(400).body("error", equalTo("invalid-attachments"));
        send(conversation, conversation.token(), Map.of("attachments", List.of("1", "2", "3", "4", "5", "6")))
                .then().statusCode(400);
        send(conversation, conversation.token(), Map.of("attachments", List.of())).then().statusCode(400)
                .body("error", equalTo("invalid-text"));
    }

    @Test
    void onlyTheConversationsCustomerAndAgentsFetchAFile() {
        Started conversation = TestApi.startConversation("Private photo");
        Started stranger = TestApi.startConversation("Stranger");
        String id = uploaded(conversation, "p.png", TestFiles.PNG);
        given().auth().oauth2(stranger.token()).get("/api/attachments/{id}", id).then().statusCode(403);
        given().get("/api/attachments/{id}", id).then().statusCode(401);
        given().auth().oauth2(TestApi.agentToken("alice")).get("/api/attachments/{id}", id).then().statusCode(200);
        given().auth().oauth2(conversation.token()).get("/api/attachments/nope").then().statusCode(404);
        upload(conversation, stranger.token(), "x.png", "image/png", TestFiles.PNG).then().statusCode(403);
    }

    @Test
    void anAttachmentNoMessageCarriesIsDeletedAfterItsLifetime() {
        Started conversation = TestApi.startConversation("Orphans");
        String orphan = uploaded(conversation, "o.png", TestFiles.PNG);
        String kept = uploaded(conversation, "k.png", TestFiles.PNG);
        send(conversation, conversation.token(), Map.of("attachments", List.of(kept))).then().statusCode(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(conversation.token())
                .get("/api/attachments/{id}", orphan).statusCode() == 404);
        given().auth().oauth2(conversation.token()).get("/api/attachments/{id}", kept).then().statusCode(200);
    }
}
