package io.sockscope.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a command that runs until interrupted ({@code -E}) end cleanly on SIGINT or SIGTERM, with the exit
 * status a shell gives ss for the same signal (128 + its number: 130, 143). The command polls
 * {@link #requested()} between short waits, flushes what it printed, calls {@link #close()} and returns
 * {@link #exitStatus()}. Should it not stop within {@link #GRACE_MILLIS} of the signal, the process ends
 * with that status anyway.
 *
 * <p>The handlers are the JDK's {@code sun.misc.Signal} (module {@code jdk.unsupported}), reached by
 * reflection: compiled against directly it is a warning no annotation silences, and the build treats
 * warnings as errors. A shutdown hook cannot tell which signal came. Where the class is missing the JVM's
 * own handling stays: it ends with the same status, without the flush.
 */
final class StopOnSignal implements AutoCloseable {
    static final long GRACE_MILLIS = 2000;
    private static final int SIGNALLED = 128;

    private final List<Runnable> restore = new ArrayList<>();
    private volatile int signal;
    private volatile boolean stopped;

    private StopOnSignal() {
    }

    /** Installs the handlers; from now on SIGINT and SIGTERM ask the command to stop. */
    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> named = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method number = signalClass.getMethod("getNumber");
            for (String name : List.of("INT", "TERM")) {
                Object sig = named.newInstance(name);
                Object handler = Proxy.newProxyInstance(StopOnSignal.class.getClassLoader(),
                        new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                            if (method.getName().equals("handle")) {
                                stop.onSignal((Integer) number.invoke(args[0]));
                                return null;
                            }
                            return method.invoke(stop, args);
                        });
                Object previous = handle.invoke(null, sig, handler);
                stop.restore.add(() -> {
                    try {
                        handle.invoke(null, sig, previous);
                    } catch (ReflectiveOperationException e) {
                        // The process is ending; the old handler matters no more.
                    }
                });
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No sun.misc.Signal here: the JVM's default handling ends the command with the same status.
        }
        return stop;
    }

    /** Whether a signal asked the command to stop. */
    boolean requested() {
        return signal != 0;
    }

    /** 0, or 128 + the signal that stopped the command, as a shell reports a process the signal ended. */
    int exitStatus() {
        return signal == 0 ? 0 : SIGNALLED + signal;
    }

    /** The command has stopped and flushed what it printed; the signals get their former handlers back. */
    @Override
    public void close() {
        stopped = true;
        restore.forEach(Runnable::run);
    }

    private void onSignal(int number) {
        if (signal != 0) {
            return;
        }
        signal = number;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!stopped) {
                Runtime.getRuntime().halt(exitStatus());
            }
        }, "sockscope-stop-grace");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
