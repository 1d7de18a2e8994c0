package dev.livedesk.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directories the packaged-service tests give a service of theirs. */
public final class Directories {

    private Directories() {
    }

    /** The directory, absolute, created and empty (whatever an earlier run left in it is deleted). */
    public static Path empty(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.exists(absolute)) {
            try (Stream<Path> paths = Files.walk(absolute)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(absolute);
    }
}
