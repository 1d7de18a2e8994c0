package dev.livedesk.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged application in the prod profile, started as its own process. */
@Tag("packaged")
class ProdStartupIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    /** The working directory, where the default store keeps its data ({@code data}). */
    private static final Path WORK = Path.of("target", "prod-startup").toAbsolutePath();

    /** A started process with its output collected as it comes. */
    private record Run(Process process, StringBuffer output) {
        /** SIGTERM, so that the embedded database stops with it. */
        void stop() {
            process.destroy();
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
        }
    }

    private static Run start(Map<String, String> environment) throws IOException {
        assertThat(JAR).exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-jar", JAR.toString()));
        Files.createDirectories(WORK);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(WORK.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LIVEDESK_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Run(process, output);
    }

    @ParameterizedTest
    @CsvSource(value = {"NONE|livedesk.auth.signing-key is not set", "short|at least 32 bytes"}, delimiter = '|')
    void refusesToStartWithoutAGoodSigningKey(String key, String reason) throws IOException {
        Run run = start("NONE".equals(key) ? Map.of() : Map.of("LIVEDESK_AUTH_SIGNING_KEY", key));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !run.process().isAlive());
            assertThat(run.process().exitValue()).isNotZero();
            assertThat(run.output().toString()).contains(reason);
        } finally {
            run.stop();
        }
    }

    /** Starts the application with a good key and waits until it listens or has ended. */
    private static Run startedWithAKey() throws IOException {
        Run run = start(Map.of("LIVEDESK_AUTH_SIGNING_KEY", "a-production-key-that-is-long-enough-0123"));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> run.output().toString().contains("Listening on")
                    || !run.process().isAlive());
            return run;
        } catch (RuntimeException notStarted) {
            run.stop();
            throw notStarted;
        }
    }

    @Test
    void startsWithAKeyAndDefinesNoDemoAgents() throws IOException {
        Run run = startedWithAKey();
        try {
            assertThat(run.process().isAlive()).as(run.output().toString()).isTrue();
            assertThat(run.output().toString()).contains("Profile prod activated");
            assertThat(Files.readString(Path.of("src", "main", "resources", "application.properties")))
                    .doesNotContainPattern("(?m)^livedesk\\.agents\\.");
        } finally {
            run.stop();
        }
    }

    /**
     * The embedding runtime is loaded parent-first (its JNI libraries bind to one class loader), so everything it
     * links to must be parent-first too: without SLF4J there, the packaged application silently ranked with BM25
     * alone while every {@code @QuarkusTest}, on Maven's flat class path, passed.
     */
    @Test
    void theAssistantsEmbeddingModelsRunInThePackagedApplication() throws IOException {
        Run run = startedWithAKey();
        try {
            assertThat(run.output().toString()).doesNotContain("cannot run here")
                    .containsPattern("\\{(en|zh)=[1-9]\\d*, (en|zh)=[1-9]\\d*} phrasings embedded");
        } finally {
            run.stop();
        }
    }
}
