package dev.livedesk.store.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedDatabaseTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private final List<EmbeddedDatabase> opened = new ArrayList<>();

    @AfterEach
    void stopServers() {
        opened.forEach(EmbeddedDatabase::close);
    }

    private EmbeddedDatabase open() {
        EmbeddedDatabase database = EmbeddedDatabase.open(data, STARTUP);
        opened.add(database);
        return database;
    }

    /** Stops the server as the service does at SIGTERM. */
    private void stop(EmbeddedDatabase database) {
        database.close();
        opened.remove(database);
    }

    /** Leaves the server running, as a killed service does. */
    private void leave(EmbeddedDatabase database) {
        database.release();
        opened.remove(database);
    }

    @Test
    void whatIsWrittenIsThereAfterTheServerStopsAndStartsAgain() throws SQLException {
        EmbeddedDatabase first = open();
        execute(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('hello')");
        stop(first);

        EmbeddedDatabase second = open();

        assertThat(second.reused()).isFalse();
        assertThat(query(second, "SELECT v FROM kept")).isEqualTo("hello");
    }

    @Test
    void closingStopsTheServer() {
        EmbeddedDatabase database = open();
        long pid = database.serverPid();
        assertThat(ProcessHandle.of(pid)).isPresent();

        stop(database);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void everyCommitIsFlushedBeforeItIsAcknowledged() throws SQLException {
        EmbeddedDatabase database = open();

        assertThat(query(database, "SHOW fsync")).isEqualTo("on");
        assertThat(query(database, "SHOW synchronous_commit")).isEqualTo("on");
    }

    @Test
    void theServerListensOnLoopbackOnly() throws SQLException {
        EmbeddedDatabase database = open();

        assertThat(query(database, "SHOW listen_addresses")).isEqualTo("localhost");
    }

    @Test
    void aSecondUserOfTheSameDirectoryIsRefused() {
        open();

        assertThatThrownBy(() -> EmbeddedDatabase.open(data, STARTUP))
                .isInstanceOf(DataDirectoryInUseException.class)
                .hasMessageContaining("is in use by another LiveDesk")
                .hasMessageContaining("livedesk.embedded.data-dir");
    }

    @Test
    void aServerLeftRunningIsReusedWithItsData() throws SQLException {
        EmbeddedDatabase first = open();
        execute(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('left running')");
        leave(first);

        EmbeddedDatabase second = open();

        assertThat(second.reused()).isTrue();
        assertThat(second.serverPid()).isEqualTo(first.serverPid());
        assertThat(query(second, "SELECT v FROM kept")).isEqualTo("left running");
    }

    @Test
    void aServerLeftRunningThatDoesNotAnswerIsStoppedAndStartedAgain() throws Exception {
        EmbeddedDatabase first = open();
        execute(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        leave(first);
        long leftover = first.serverPid();
        // Its port now refuses connections: as a server whose port was taken over, it no longer answers.
        rewritePort(data.resolve("postgres").resolve("postmaster.pid"), freePort());

        EmbeddedDatabase second = open();

        assertThat(second.reused()).isFalse();
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(query(second, "SELECT v FROM kept")).isEqualTo("still here");
    }

    @Test
    void aFirstStartThatDidNotFinishIsStartedOver() throws SQLException, IOException {
        Path cluster = Files.createDirectories(data.resolve("postgres"));
        Files.writeString(cluster.resolve("PG_VERSION"), "14\n");
        Files.createDirectories(cluster.resolve("base"));

        EmbeddedDatabase database = open();

        assertThat(query(database, "SELECT 1")).isEqualTo("1");
    }

    @Test
    void aDirectoryThatIsNotAClusterIsRefusedWithTheReason() throws IOException {
        Path cluster = Files.createDirectories(data.resolve("postgres"));
        Files.writeString(cluster.resolve("notes.txt"), "not a database");

        assertThatThrownBy(this::open)
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("is not a PostgreSQL data directory");
        assertThat(cluster.resolve("notes.txt")).exists();
    }

    @Test
    void aClusterOfAnotherMajorVersionIsRefusedWithWhatToDo() throws IOException {
        EmbeddedDatabase database = open();
        stop(database);
        Files.writeString(data.resolve("postgres").resolve("PG_VERSION"), "13\n");

        assertThatThrownBy(this::open)
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("PostgreSQL 13 cluster")
                .hasMessageContaining("pg_dump");
    }

    @Test
    void aDamagedClusterGivesAClearErrorNotAHang() throws IOException {
        EmbeddedDatabase database = open();
        stop(database);
        Files.delete(data.resolve("postgres").resolve("global").resolve("pg_control"));

        assertThatThrownBy(this::open)
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("is damaged");
    }

    @Test
    void aServerThatCannotStartGivesItsLogInTheError() throws IOException {
        EmbeddedDatabase database = open();
        stop(database);
        Files.writeString(data.resolve("postgres").resolve("postgresql.auto.conf"), "shared_buffers = 'not a size'\n");

        assertThatThrownBy(() -> EmbeddedDatabase.open(data, Duration.ofSeconds(5)))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("did not start")
                .hasMessageContaining("shared_buffers");
    }

    @Test
    void aFullDiskGivesAClearError() throws Exception {
        Path small = Files.createDirectories(data.resolve("small"));
        Assumptions.assumeTrue(mountTmpfs(small, "4m"), "needs root to mount a 4 MB tmpfs for a full disk");
        try {
            assertThatThrownBy(() -> EmbeddedDatabase.open(small.resolve("data"), STARTUP))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("No space left on device");
        } finally {
            run("umount", "-l", small.toString());
        }
    }

    private static boolean mountTmpfs(Path where, String size) throws Exception {
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", where.toString()) == 0;
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static void rewritePort(Path pidFile, int port) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(pidFile));
        lines.set(3, Integer.toString(port));
        Files.write(pidFile, lines);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = source(database).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = source(database).getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static PGSimpleDataSource source(EmbeddedDatabase database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        return source;
    }
}
