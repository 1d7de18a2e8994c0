package dev.livedesk;

import org.jboss.logging.Logger;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/** The background threads LiveDesk starts: named, daemon, and never failing silently. */
public final class Threads {

    private static final Logger LOG = Logger.getLogger(Threads.class);

    private Threads() {
    }

    /** Whether the JVM is running its shutdown hooks (a hook can no longer be added then). */
    public static boolean jvmExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
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

    /**
     * Like {@link #daemon}, at the lowest priority: for work that can wait, which then yields the processors to the
     * event loops. The JVM passes priorities on to Linux only with {@code -XX:ThreadPriorityPolicy=1}, and the lowest
     * becomes nice 19 rather than 4 with {@code -XX:JavaPriority1_To_OSPriority=19} (the container image sets both; a
     * process may lower its threads' priority without privileges); elsewhere this is a hint.
     */
    public static ThreadFactory yielding(String name) {
        ThreadFactory daemons = daemon(name);
        return runnable -> {
            Thread thread = daemons.newThread(runnable);
            thread.setPriority(Thread.MIN_PRIORITY);
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
