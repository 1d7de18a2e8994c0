package dev.livedesk.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every log record of the application while open: message, parameters and exceptions, as text. While
 * open, LiveDesk's own loggers log at every level (tests log at INFO otherwise), so nothing it can write escapes.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger application = Logger.getLogger("dev.livedesk");
    private final Level applicationLevel = application.getLevel();

    public LogCapture() {
        root.addHandler(this);
        application.setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            Arrays.stream(record.getParameters()).forEach(parameter -> line.append(' ').append(parameter));
        }
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            line.append(' ').append(cause);
        }
        lines.add(line.toString());
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(line.toString());
        } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(line.toString());
        }
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Records at WARN level (not ERROR). */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Records at ERROR level or above. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        application.setLevel(applicationLevel);
        root.removeHandler(this);
    }
}
