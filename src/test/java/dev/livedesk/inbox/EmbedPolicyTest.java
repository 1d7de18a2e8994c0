package dev.livedesk.inbox;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pages may frame an inbox's chat: exactly its allowed origins, and LiveDesk's own for the default inbox. */
class EmbedPolicyTest {

    private static Inbox inbox(String id, List<String> origins) {
        return new Inbox(id, "Shop", "token-" + id, "secret", origins, false, Map.of(), null, Instant.EPOCH);
    }

    @Test
    void anInboxIsFramedByExactlyItsAllowedOrigins() {
        assertThat(EmbedResource.policy(inbox("b", List.of("https://shop.example", "http://localhost:8081"))))
                .endsWith("; frame-ancestors https://shop.example http://localhost:8081");
    }

    @Test
    void anInboxWithoutOriginsIsFramedByNoPage() {
        assertThat(EmbedResource.policy(inbox("b", List.of()))).endsWith("; frame-ancestors 'none'");
    }

    @Test
    void theDefaultInboxIsAlsoFramedByLiveDesksOwnPages() {
        assertThat(EmbedResource.policy(inbox(Inbox.DEFAULT_ID, List.of("https://shop.example"))))
                .endsWith("; frame-ancestors 'self' https://shop.example");
        assertThat(EmbedResource.policy(inbox(Inbox.DEFAULT_ID, List.of()))).endsWith("; frame-ancestors 'self'");
    }
}
