package dev.livedesk.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The packaged application (target/quarkus-app) in a process of its own, with the test profile. */
public final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    /** What runs: the packaged application, or a main class of the test class path. */
    private final List<String> program;
    private Path directory = Path.of("").toAbsolutePath();
    private Process process;
    private int starts;

    private AppProcess(String name, int port, Map<String, String> properties, List<String> jvmOptions,
                       List<String> program) {
        this.name = name;
        this.port = port;
        this.properties = properties;
        this.jvmOptions = jvmOptions;
        this.program = program;
    }

    /**
     * Starts a main class of this JVM's class path (a benchmark's reference server) on a free port, passed as
     * {@code -Dquarkus.http.port}; does not wait for it.
     */
    public static AppProcess startMain(String name, Class<?> main, List<String> jvmOptions) {
        AppProcess app = new AppProcess(name, freePort(), Map.of(), jvmOptions,
                List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        app.start();
        return app;
    }

    /**
     * Starts the application on a free port with the given system properties (which may name another
     * {@code quarkus.profile}); does not wait for it.
     */
    public static AppProcess start(String name, Map<String, String> properties) {
        return start(name, properties, List.of());
    }

    /** The same, with options for the JVM (heap, JFR, …). */
    public static AppProcess start(String name, Map<String, String> properties, List<String> jvmOptions) {
        AppProcess app = new AppProcess(name, freePort(), properties, jvmOptions,
                List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        app.start();
        return app;
    }

    /**
     * The packaged application in the given working directory (where the default store keeps {@code data}), with the
     * given system properties; does not start it.
     */
    public static AppProcess in(String name, Path workingDirectory, Map<String, String> properties) {
        AppProcess app = new AppProcess(name, freePort(), properties, List.of(),
                List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString()));
        app.directory = workingDirectory.toAbsolutePath();
        return app;
    }

    /** Starts it again on the same port, with the same settings, after it stopped. Logs go to a new file. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(program);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile())
                    .redirectOutput(log(++starts).toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** The output of its n-th start. */
    public Path log(int start) {
        return Path.of("target", name + "-" + start + ".log").toAbsolutePath();
    }

    /** How many times it was started. */
    public int starts() {
        return starts;
    }

    /** Its exit value, once it has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    public URI root() {
        return URI.create("http://localhost:" + port);
    }

    public URI uri(String path) {
        return root().resolve(path);
    }

    /** Waits until readiness answers UP. */
    public AppProcess awaitReady() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status("/q/health/ready") == 200);
        return this;
    }

    public int status(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGKILL: no shutdown hook, no drain, connections cut. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive());
    }

    /** SIGTERM: a graceful shutdown. */
    public void terminate() {
        process.destroy();
    }

    /** The operating system's process id, for CPU and memory readings. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
