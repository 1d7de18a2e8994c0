package dev.livedesk.store;

import dev.livedesk.support.Postgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The application on the PostgreSQL store, against a database of its own on the embedded server. */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    /** Creates the database before the application starts and points the datasource at it. */
    public static class Database implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            Postgres.Database database = Postgres.newDatabase();
            return Map.of("livedesk.store", "postgres",
                    "quarkus.datasource.jdbc.url", database.url(),
                    "quarkus.datasource.username", database.user(),
                    "quarkus.datasource.password", database.password());
        }

        @Override
        public void stop() {
            // the embedded server stops with the JVM
        }
    }
}
