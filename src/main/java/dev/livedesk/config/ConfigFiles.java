package dev.livedesk.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the content files a setting names (the knowledge base, canned responses): {@code classpath:…}, or a file
 * path with or without a {@code file:} prefix; YAML, or JSON by extension. Unknown fields are an error, so a typo in a file fails start-up instead of
 * silently dropping what it meant to say.
 */
public final class ConfigFiles {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private ConfigFiles() {
    }

    /**
     * @param what names the file in the error when it cannot be read, e.g. "the knowledge base"
     * @throws UncheckedIOException when the file is missing or not of the expected shape
     */
    public static <T> T read(String location, Class<T> type, String what) {
        boolean json = location.toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = open(location)) {
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + what + " " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("No classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(file(location).orElseThrow());
    }

    /** The file a location names, or empty for a classpath resource. */
    public static Optional<Path> file(String location) {
        if (location.startsWith(CLASSPATH)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location.startsWith(FILE) ? location.substring(FILE.length()) : location));
    }
}
