package dev.livedesk.store.embedded;

import java.nio.file.Path;

/** Another live process uses the data directory: two services must never share one. */
public final class DataDirectoryInUseException extends EmbeddedDatabaseException {

    public DataDirectoryInUseException(Path directory, String holder) {
        super("The data directory " + directory + " is in use by another LiveDesk"
                + (holder.isBlank() ? "" : " (process " + holder + ")")
                + ": stop it first, or set livedesk.embedded.data-dir to another directory");
    }
}
