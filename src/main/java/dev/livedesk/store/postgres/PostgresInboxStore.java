package dev.livedesk.store.postgres;

import dev.livedesk.inbox.Inbox;
import dev.livedesk.inbox.InboxHours;
import dev.livedesk.inbox.InboxStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Inboxes in {@code inboxes} (allowed origins one per line; the greeting in a column per language) and their agents
 * in {@code inbox_members}. Unique constraints keep ids and website tokens unique across replicas.
 */
final class PostgresInboxStore implements InboxStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, name, website_token, identity_secret, allowed_origins, "
            + "identity_verification, greeting_en, greeting_zh, color, created_at, hours_timezone, hours_weekly";

    private final Jdbc jdbc;

    PostgresInboxStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(Inbox inbox) {
        jdbc.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inboxes (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, inbox);
                insert.setTimestamp(10, Timestamp.from(inbox.createdAt()));
                insert.setString(11, inbox.hours() == null ? null : inbox.hours().timezone());
                insert.setString(12, inbox.hours() == null ? null : PgText.encode(inbox.hours().weekly()));
                insert.executeUpdate();
            } catch (SQLException e) {
                throw refusedIfTaken(e);
            }
            return null;
        });
    }

    @Override
    public Optional<Inbox> update(Inbox inbox) {
        return jdbc.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE inboxes SET id = ?, name = ?, "
                    + "website_token = ?, identity_secret = ?, allowed_origins = ?, identity_verification = ?, "
                    + "greeting_en = ?, greeting_zh = ?, color = ?, hours_timezone = ?, hours_weekly = ? WHERE id = ?")) {
                bind(update, inbox);
                update.setString(10, inbox.hours() == null ? null : inbox.hours().timezone());
                update.setString(11, inbox.hours() == null ? null : PgText.encode(inbox.hours().weekly()));
                update.setString(12, inbox.id());
                return update.executeUpdate() == 0 ? Optional.<Inbox>empty() : read(connection, inbox.id());
            } catch (SQLException e) {
                throw refusedIfTaken(e);
            }
        });
    }

    private static SQLException refusedIfTaken(SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw new IllegalArgumentException("another inbox has this id or website token", e);
        }
        return e;
    }

    private static void bind(PreparedStatement statement, Inbox inbox) throws SQLException {
        statement.setString(1, inbox.id());
        statement.setString(2, PgText.encode(inbox.name()));
        statement.setString(3, inbox.websiteToken());
        statement.setString(4, inbox.identitySecret());
        statement.setString(5, String.join("\n", inbox.allowedOrigins()));
        statement.setBoolean(6, inbox.identityVerification());
        statement.setString(7, PgText.encode(inbox.greeting().get("en")));
        statement.setString(8, PgText.encode(inbox.greeting().get("zh")));
        statement.setString(9, inbox.color());
    }

    @Override
    public Optional<Inbox> inbox(String id) {
        return jdbc.read(connection -> read(connection, id));
    }

    private static Optional<Inbox> read(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM inboxes WHERE id = ?")) {
            select.setString(1, id);
            return Jdbc.rows(select, PostgresInboxStore::inbox).stream().findFirst();
        }
    }

    @Override
    public Optional<Inbox> byWebsiteToken(String websiteToken) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM inboxes WHERE website_token = ?")) {
                select.setString(1, websiteToken);
                return Jdbc.rows(select, PostgresInboxStore::inbox).stream().findFirst();
            }
        });
    }

    @Override
    public List<Inbox> inboxes() {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM inboxes ORDER BY created_at, id")) {
                return Jdbc.rows(select, PostgresInboxStore::inbox);
            }
        });
    }

    private static Inbox inbox(ResultSet rows) throws SQLException {
        String origins = rows.getString(5);
        Map<String, String> greeting = new HashMap<>();
        String en = PgText.decode(rows.getString(7));
        String zh = PgText.decode(rows.getString(8));
        if (en != null) {
            greeting.put("en", en);
        }
        if (zh != null) {
            greeting.put("zh", zh);
        }
        return new Inbox(rows.getString(1), PgText.decode(rows.getString(2)), rows.getString(3), rows.getString(4),
                origins.isEmpty() ? List.of() : Arrays.asList(origins.split("\n")), rows.getBoolean(6), greeting,
                rows.getString(9), Jdbc.instant(rows, 10), rows.getString(11) == null ? null
                : new InboxHours(rows.getString(11), PgText.decode(rows.getString(12))));
    }

    @Override
    public void setMembers(String inboxId, Set<String> agentIds) {
        jdbc.write(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM inboxes WHERE id = ? FOR UPDATE")) {
                lock.setString(1, inboxId);
                if (Jdbc.rows(lock, rows -> rows.getString(1)).isEmpty()) {
                    throw new IllegalArgumentException("no inbox " + inboxId);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM inbox_members WHERE inbox_id = ?")) {
                delete.setString(1, inboxId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbox_members (inbox_id, agent_id) VALUES (?, ?)")) {
                for (String agentId : agentIds) {
                    insert.setString(1, inboxId);
                    insert.setString(2, agentId);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Set<String> members(String inboxId) {
        return column("SELECT agent_id FROM inbox_members WHERE inbox_id = ?", inboxId);
    }

    @Override
    public Set<String> inboxesOf(String agentId) {
        return column("SELECT inbox_id FROM inbox_members WHERE agent_id = ?", agentId);
    }

    /** The first column of the rows the query selects for one parameter, as a set. */
    private Set<String> column(String sql, String parameter) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, parameter);
                return Set.copyOf(new HashSet<>(Jdbc.rows(select, rows -> rows.getString(1))));
            }
        });
    }
}
