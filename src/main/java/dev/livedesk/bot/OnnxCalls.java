package dev.livedesk.bot;

import org.jboss.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps ONNX Runtime's native calls and the JVM's exit apart. ONNX Runtime releases its environment in a shutdown
 * hook of its own, which runs at the same time as every other hook; a model still loading or embedding then works on
 * freed memory and the JVM dies with SIGSEGV. So SIGTERM and SIGINT are first held until the native calls under way
 * have returned (at most 30 s), and only then handed to the JVM's own handling (the shutdown hooks, Quarkus' among
 * them). A call that would start after that is refused with {@link ShuttingDown}.
 */
final class OnnxCalls {

    private static final Logger LOG = Logger.getLogger(OnnxCalls.class);
    private static final ReentrantReadWriteLock CALLS = new ReentrantReadWriteLock();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    /** The JVM runs its shutdown hooks: set by a hook of ours, or at once when the exit began before the hold. */
    private static volatile boolean exiting;
    private static final long HOLD_SECONDS = 30;

    private OnnxCalls() {
    }

    /** The process is exiting: no native call starts any more. */
    static final class ShuttingDown extends IllegalStateException {
        ShuttingDown() {
            super("the process is shutting down");
        }
    }

    /** Runs a native call, unless the process has begun to exit. */
    static <T> T run(Supplier<T> call) {
        if (exiting || !CALLS.readLock().tryLock()) {
            throw new ShuttingDown();
        }
        try {
            return call.get();
        } finally {
            CALLS.readLock().unlock();
        }
    }

    /** Puts the hold in front of the JVM's handling of SIGTERM and SIGINT, once per class loader. */
    static void holdExitDuringCalls() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        // An exit without the hold (a signal before it was in place, or System.exit) still stops new calls.
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting = true, "livedesk-onnx-exit"));
        } catch (IllegalStateException alreadyExiting) {
            exiting = true;
        }
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler[] previous = new SignalHandler[1];
                previous[0] = Signal.handle(signal, received -> {
                    awaitCalls();
                    pass(previous[0], received);
                });
            } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
                LOG.debugf("SIG%s cannot be handled here (%s): the exit is not held for native calls", name, notHere);
            }
        }
    }


    private static void awaitCalls() {
        try {
            if (!CALLS.writeLock().tryLock(HOLD_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("An embedding call did not return within %d s of the signal to stop; exiting anyway",
                        HOLD_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pass(SignalHandler previous, Signal received) {
        if (previous == SignalHandler.SIG_IGN) {
            return;
        }
        if (previous == null || previous == SignalHandler.SIG_DFL) {
            System.exit(128 + received.getNumber());
            return;
        }
        previous.handle(received);
    }
}
