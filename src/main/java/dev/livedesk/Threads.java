package dev.livedesk;

import org.jboss.logging.Logger;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/** The background threads LiveDesk starts: named, daemon, and never failing silently. */
public final class Threads {

    private static final Logger LOG = Logger.getLogger(Threads.class);

    private Threads() {
    }

    /** A factory of daemon threads with the given name that log whatever escapes them. */
    public static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.errorf(e, "Unexpected failure on %s", t.getName()));
            return thread;
        };
    }

    /** A one-thread scheduler whose cancelled tasks leave its queue at once. */
    public static ScheduledThreadPoolExecutor scheduler(String name) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon(name));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
