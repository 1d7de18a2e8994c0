package dev.livedesk.store.postgres;

import dev.livedesk.chat.SearchTerms;
import dev.livedesk.store.Stores;
import dev.livedesk.support.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.livedesk.store.StoresFixture.conversation;
import static dev.livedesk.store.StoresFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search on PostgreSQL is served by its full-text indexes, not by reading every message: the predicates the store
 * searches with can use the GIN indexes on the search vectors. (With a handful of rows the planner prefers a scan,
 * so the plan is asked for with sequential scans discouraged.)
 */
class PostgresSearchIndexTest {

    private final Postgres.Database database = Postgres.newDatabase().migrated();
    private final Stores stores = PostgresStoresContractTest.on(database);

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    private List<String> plan(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement settings = connection.createStatement()) {
            settings.execute("SET enable_seqscan = off");
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
                explain.setString(1, "'" + String.join("':* & '", SearchTerms.query("退款 refund")) + "':*");
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void messageSearchUsesTheMessagesIndex() throws SQLException {
        conversation(stores, "c1");
        message(stores, "c1", null);
        assertThat(plan("SELECT conversation_id FROM messages WHERE search @@ ?::tsquery"))
                .anyMatch(line -> line.contains("messages_search"));
    }

    @Test
    void customerSearchUsesTheConversationsIndex() throws SQLException {
        conversation(stores, "c1");
        assertThat(plan("SELECT id FROM conversations WHERE search @@ ?::tsquery"))
                .anyMatch(line -> line.contains("conversations_search"));
    }
}
