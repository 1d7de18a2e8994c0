package dev.livedesk.store.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that LiveDesk runs itself, from the binaries packaged on Maven Central, in a data directory of
 * its own. Layout of the data directory:
 * <ul>
 *   <li>{@code livedesk.lock}: locked by the one service using the directory, for as long as its process lives (the
 *   operating system releases it when the process dies, even by SIGKILL); it holds that process's id;</li>
 *   <li>{@code postgres/}: the database cluster ({@code PG_VERSION}, {@code postmaster.pid} while a server runs);</li>
 *   <li>{@code postgres.log}: the server's own log.</li>
 * </ul>
 *
 * <p>Guarantees:
 * <ul>
 *   <li>one service per directory: a second one is refused at once with {@link DataDirectoryInUseException};</li>
 *   <li>a server left running by a process that died (SIGKILL, power of the JVM only) is reused when it answers, and
 *   stopped and started again when it does not; a stale {@code postmaster.pid} is PostgreSQL's own to clear;</li>
 *   <li>a first start interrupted before the cluster was complete is started over (nothing was stored in it yet);</li>
 *   <li>durability is PostgreSQL's: {@code fsync} on, every commit flushed to the write-ahead log before it is
 *   acknowledged;</li>
 *   <li>a directory that is not a PostgreSQL cluster, one of another major version, or a server that does not come up
 *   within the start-up timeout give an {@link EmbeddedDatabaseException} with the reason and the log's last lines,
 *   never a hang.</li>
 * </ul>
 * The server listens on loopback only, on a free port chosen at start (the port is line 4 of
 * {@code postgres/postmaster.pid}), with trust authentication for the {@code postgres} user.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The major version of the packaged binaries; a cluster of another major version is refused. */
    public static final String MAJOR_VERSION = "14";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String INITIALIZED = "livedesk.initialized";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres started;
    private final long serverPid;
    private final int port;
    private final boolean adopted;

    private EmbeddedDatabase(Path directory, FileChannel lockChannel, FileLock lock, EmbeddedPostgres started,
                             long serverPid, int port, boolean adopted) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.started = started;
        this.serverPid = serverPid;
        this.port = port;
        this.adopted = adopted;
    }

    /**
     * Takes the data directory, creating it if needed, and makes its server run: reuses one left running, or starts
     * one (running {@code initdb} first when the directory is new).
     *
     * @param startupTimeout how long the server may take to accept connections
     * @throws DataDirectoryInUseException when another live process uses the directory
     * @throws EmbeddedDatabaseException   when the directory cannot be used or the server does not start
     */
    public static EmbeddedDatabase open(Path dataDirectory, Duration startupTimeout) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot create the data directory " + directory + ": " + e, e);
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(directory.resolve("livedesk.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot write in the data directory " + directory + ": " + e, e);
        }
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedDatabaseException("cannot lock the data directory " + directory + ": " + e, e);
        }
        if (lock == null) {
            String holder = readHolder(channel);
            closeQuietly(channel);
            throw new DataDirectoryInUseException(directory, holder);
        }
        try {
            writeHolder(channel);
            return startOrReuse(directory, channel, lock, startupTimeout);
        } catch (RuntimeException e) {
            releaseQuietly(lock, channel);
            throw e;
        }
    }

    private static EmbeddedDatabase startOrReuse(Path directory, FileChannel channel, FileLock lock, Duration startupTimeout) {
        Path cluster = directory.resolve("postgres");
        Optional<Leftover> leftover = Leftover.read(cluster);
        if (leftover.isPresent()) {
            Leftover server = leftover.get();
            if (answers(server.port(), startupTimeout)) {
                LOG.infof("Reusing the database server left running in %s (process %d, port %d)", cluster,
                        server.pid(), server.port());
                return new EmbeddedDatabase(directory, channel, lock, null, server.pid(), server.port(), true);
            }
            LOG.warnf("The database server left running in %s (process %d) does not answer; stopping it", cluster,
                    server.pid());
            stop(server.pid());
        }
        checkCluster(cluster);
        EmbeddedPostgres postgres;
        try {
            // The library's own lock file: livedesk.lock is the one that counts, and a server this process left running
            // (dev mode's reload) may still hold the old one.
            Files.deleteIfExists(cluster.resolve("epg-lock"));
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(startupTimeout)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "60")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("postgres.log").toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseException("the database server in " + cluster + " did not start: "
                    + e.getMessage() + logTail(directory), e);
        }
        try {
            Files.writeString(cluster.resolve(INITIALIZED), MAJOR_VERSION + "\n");
        } catch (IOException e) {
            closeQuietly(postgres);
            throw new EmbeddedDatabaseException("cannot write in " + cluster + ": " + e + logTail(directory), e);
        }
        long pid = Leftover.read(cluster).map(Leftover::pid).orElse(postgres.getProcess().pid());
        LOG.infof("Started the embedded database in %s (process %d, port %d)", cluster, pid, postgres.getPort());
        return new EmbeddedDatabase(directory, channel, lock, postgres, pid, postgres.getPort(), false);
    }

    /** Refuses what is not a cluster of ours, and clears what an interrupted first start left. */
    private static void checkCluster(Path cluster) {
        if (!Files.isDirectory(cluster)) {
            if (Files.exists(cluster)) {
                throw new EmbeddedDatabaseException(cluster + " is not a directory");
            }
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(cluster)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot read " + cluster + ": " + e, e);
        }
        if (empty) {
            return;
        }
        Path version = cluster.resolve("PG_VERSION");
        if (!Files.isRegularFile(version)) {
            throw new EmbeddedDatabaseException(cluster + " is not a PostgreSQL data directory (it has no PG_VERSION)"
                    + "; move it away or set livedesk.embedded.data-dir to another directory");
        }
        if (!Files.exists(cluster.resolve(INITIALIZED))) {
            LOG.warnf("%s is left from a first start that did not finish; creating it again", cluster);
            deleteTree(cluster);
            return;
        }
        String major;
        try {
            major = Files.readString(version).trim();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot read " + version + ": " + e, e);
        }
        if (!MAJOR_VERSION.equals(major)) {
            throw new EmbeddedDatabaseException(cluster + " holds a PostgreSQL " + major + " cluster and this LiveDesk"
                    + " runs PostgreSQL " + MAJOR_VERSION + ": dump it with pg_dump of version " + major
                    + " and restore it into a new data directory (docs/operations.md)");
        }
        if (!Files.isRegularFile(cluster.resolve("global").resolve("pg_control"))) {
            throw new EmbeddedDatabaseException(cluster + " is damaged (global/pg_control is missing); restore it"
                    + " from a backup, or move it away to start with an empty one");
        }
    }

    /** The JDBC URL of its {@code postgres} database, user {@code postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    /** The server's process id. */
    public long serverPid() {
        return serverPid;
    }

    /** Whether this service reuses a server an earlier process left running rather than starting one. */
    public boolean reused() {
        return adopted;
    }

    public Path directory() {
        return directory;
    }

    /** Releases the data directory and leaves the server running, for the next process to reuse (dev mode's reload). */
    public void release() {
        releaseQuietly(lock, lockChannel);
    }

    /** Stops the server cleanly (a checkpoint, then exit) and releases the data directory. */
    @Override
    public void close() {
        try {
            if (started != null) {
                closeQuietly(started);
            }
            stop(serverPid);
        } finally {
            release();
        }
    }

    /**
     * Stops a server by its process id: SIGTERM, then, if it is still running after 30 s, SIGKILL (PostgreSQL recovers
     * from its write-ahead log at the next start). Uses the JDK only, so that a shutdown hook registered by a class
     * loader that has since been closed can still run it.
     */
    public static void stop(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.get().destroyForcibly();
        } catch (ExecutionException e) {
            // the process is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean answers(int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        SQLException last = null;
        do {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
            source.setConnectTimeout(2);
            try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return true;
            } catch (SQLException e) {
                last = e;
                if ("57P03".equals(e.getSQLState())) {
                    // the database system is starting up (recovery after a crash): wait for it
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                    continue;
                }
                LOG.debugf("the leftover server on port %d does not answer: %s", port, e.getMessage());
                return false;
            }
        } while (System.nanoTime() < deadline);
        LOG.debugf("the leftover server on port %d did not finish starting: %s", port, last.getMessage());
        return false;
    }

    private static String logTail(Path directory) {
        Path log = directory.resolve("postgres.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 8), lines.size());
            return tail.isEmpty() ? "" : "\n" + log + " ends with:\n  " + String.join("\n  ", tail);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void writeHolder(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot write the lock file: " + e, e);
        }
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            return read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot clear " + root + ": " + e, e);
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("releasing the data directory's lock", e);
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing", e);
        }
    }

    /** A server named by a cluster's {@code postmaster.pid} whose process is alive. */
    record Leftover(long pid, int port) {

        static Optional<Leftover> read(Path cluster) {
            Path file = cluster.resolve("postmaster.pid");
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                return Optional.empty();
            }
            if (lines.size() < 4) {
                return Optional.empty();
            }
            try {
                long pid = Long.parseLong(lines.get(0).trim());
                int port = Integer.parseInt(lines.get(3).trim());
                boolean postgres = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .flatMap(process -> process.info().command())
                        .map(command -> command.endsWith("postgres"))
                        .orElse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
                return postgres ? Optional.of(new Leftover(pid, port)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
