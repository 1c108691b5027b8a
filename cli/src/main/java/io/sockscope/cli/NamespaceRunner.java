package io.sockscope.cli;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.netns.NamespaceReference;
import io.sockscope.netns.NamespaceReferenceException;

import java.io.IOException;

/**
 * {@code -N NAME}, {@code -N pid:PID}, {@code -N PATH}: runs a command inside that network namespace
 * ({@link NamespaceReference}) without moving the JVM. A platform thread
 * of its own enters the namespace and then runs the whole command: every netlink socket it opens, every
 * interface name it resolves and the {@code /proc/net} files it reads (through its own
 * {@code /proc/<pid>/task/<tid>/net}, see {@link io.sockscope.source.ProcPaths}) belong to that namespace.
 * The thread ends with the command and is never reused. The caller waits for it and gets its result, or its
 * exception, as if it had run the command itself.
 *
 * <p>Failing to enter says so as ss does ({@code Cannot open network namespace "NAME": …},
 * {@code setting the network namespace "NAME" failed: …}), with exit status 1; so does a pid no process has
 * ({@code no process PID}) or a path that is no network namespace's file.
 */
final class NamespaceRunner {
    /** A command to run in the namespace. */
    @FunctionalInterface
    interface Body {
        int run() throws IOException, UsageException;
    }

    private NamespaceRunner() {
    }

    static int run(String name, Body body) throws IOException, UsageException {
        return run(name, name.getBytes(java.nio.charset.StandardCharsets.UTF_8), body);
    }

    /**
     * @param name      the namespace's name as shown in messages
     * @param nameBytes its name as the file is called: bytes, which need not be valid in any character set
     */
    static int run(String name, byte[] nameBytes, Body body) throws IOException, UsageException {
        NamespaceReference namespace;
        try {
            namespace = NamespaceReference.resolve(name, nameBytes);
        } catch (NamespaceReferenceException e) {
            throw new UsageException(e.getMessage(), 1);
        }
        Outcome outcome = new Outcome();
        Thread worker = Thread.ofPlatform().name("sockscope-netns").unstarted(() -> {
            try {
                namespace.enter();
            } catch (RuntimeException | Error e) {
                // Whatever ends the thread must reach the caller, or the command would exit 0 having done nothing.
                outcome.failure = e;
                return;
            } catch (NetworkNamespace.EnterException e) {
                outcome.failure = new UsageException(namespace.enterFailure(e), 1);
                return;
            }
            try {
                outcome.code = body.run();
            } catch (IOException | UsageException | RuntimeException | Error e) {
                outcome.failure = e;
            }
        });
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        switch (outcome.failure) {
            case null -> {
                return outcome.code;
            }
            case IOException e -> throw e;
            case UsageException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException("unexpected failure", outcome.failure);
        }
    }

    /** What the worker thread left for the caller; published by {@link Thread#join()}. */
    private static final class Outcome {
        int code;
        Throwable failure;
    }
}
