package io.sockscope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a command that runs until interrupted ({@code -E}) end cleanly on SIGINT or SIGTERM. The JVM answers
 * those signals by running its shutdown hooks; this one asks the command to stop, waits for it to say it has
 * (its output flushed, its socket closed) and then ends the process with status 0. Should the command not
 * stop within {@link #GRACE_MILLIS}, the JVM ends as it would have without the hook (status 128 + signal).
 *
 * <p>The command polls {@link #requested()} between short waits, and calls {@link #close()} once it has
 * stopped, whatever the reason; closing also removes the hook, so that an ending for another reason keeps
 * its own exit status.
 */
final class StopOnSignal implements AutoCloseable {
    static final long GRACE_MILLIS = 2000;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "sockscope-stop-on-signal");
    private volatile boolean requested;

    private StopOnSignal() {
    }

    /** Registers the hook; from now on SIGINT and SIGTERM ask the command to stop. */
    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a signal asked the command to stop. */
    boolean requested() {
        return requested;
    }

    /** The command has stopped and flushed what it printed. */
    @Override
    public void close() {
        stopped.countDown();
        if (!requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // A signal came at this very moment: the hook runs and ends the process with 0.
            }
        }
    }

    private void onShutdown() {
        requested = true;
        try {
            if (stopped.await(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                // Being stopped is how this command is meant to end: report success, not the signal.
                Runtime.getRuntime().halt(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
