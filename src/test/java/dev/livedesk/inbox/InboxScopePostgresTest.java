package dev.livedesk.inbox;

import dev.livedesk.store.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;

/**
 * {@link InboxScopeTest} on the PostgreSQL store: its queries limit lists, counts and search by inbox, its events
 * carry their inbox to the agents' stream, and memberships changed through it apply to open streams.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(PostgresProfile.class)
class InboxScopePostgresTest extends InboxScopeTest {
}
