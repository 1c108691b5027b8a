package io.sockscope.query;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.kernel.Threads;
import io.sockscope.model.SocketRecord;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * One run over several network namespaces: each is read on a platform thread of its own, made for it and
 * ended with it, which enters the namespace with {@code setns} (unless the caller's thread is in it already) —
 * never the caller's thread, never a pooled or virtual one, so nothing else of the process moves. A few
 * namespaces are read at once; their sockets reach the {@link NamespaceSink} one namespace after the other, in
 * the order given: the namespace whose turn it is streams its sockets as the kernel sends them, the others keep
 * theirs until their turn, then hand them on from their own thread (so the sink's lookups are made in the right
 * namespace).
 *
 * <p>The first exception a sink or a dump throws ends the run: namespaces not yet handed on are dropped, and the
 * exception is rethrown to the caller.
 */
final class AcrossNamespaces {
    /** Dumps every table of a query in the calling thread's namespace. */
    @FunctionalInterface
    interface Dumper {
        void dumpAll(SocketSink sink, Failures failures);
    }

    /** Where a table that could not be read goes. */
    @FunctionalInterface
    interface Failures {
        void failed(DumpKind kind, SourceException e);
    }

    /** A table a namespace read before its turn could not read, kept for its turn. */
    private record TableFailure(DumpKind kind, SourceException failure) {
    }

    private final List<NamespaceTarget> targets;
    private final NamespaceSink sink;
    private final int parallelism;
    private final Object turnLock = new Object();
    /** The index of the namespace whose calls may be made now. Guarded by {@link #turnLock}. */
    private int turn;
    /** The first failure of any thread. Guarded by {@link #turnLock}. */
    private Throwable failure;

    AcrossNamespaces(List<NamespaceTarget> targets, NamespaceSink sink, int parallelism) {
        this.targets = List.copyOf(targets);
        this.sink = sink;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Reads every namespace with {@code dumper}; returns when all are handed on, or throws the first failure. */
    void run(Dumper dumper) {
        Semaphore permits = new Semaphore(parallelism);
        List<Thread> threads = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            permits.acquireUninterruptibly();
            if (failed()) {
                permits.release();
                break;
            }
            int index = i;
            threads.add(Thread.ofPlatform().daemon().name("sockscope-netns-" + i).start(() -> {
                try {
                    read(index, dumper);
                } catch (RuntimeException | Error e) {
                    fail(e);
                } finally {
                    pass(index);
                    permits.release();
                }
            }));
        }
        for (Thread thread : threads) {
            Threads.joinUninterruptibly(thread);
        }
        Throwable first;
        synchronized (turnLock) {
            first = failure;
        }
        // instanceof, not a type switch: its bootstrap spins a class in every fresh JVM (docs/startup.md).
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private void read(int index, Dumper dumper) {
        NamespaceTarget target = targets.get(index);
        if (!target.current()) {
            try {
                NetworkNamespace.enter(target.entry());
            } catch (NetworkNamespace.EnterException e) {
                if (!gone(e) && awaitTurn(index)) {
                    sink.notEntered(target.netns(), new NotEntered(e.errno(), e.getMessage()));
                }
                return;
            }
        }
        if (myTurn(index)) {
            // First in line: the sockets go straight to the sink as the kernel sends them.
            SocketSink out = sink.started(target.netns());
            dumper.dumpAll(out, (kind, e) -> sink.tableFailed(target.netns(), kind, e));
            sink.ended(target.netns());
            return;
        }
        List<SocketRecord> kept = new ArrayList<>();
        List<TableFailure> tableFailures = new ArrayList<>();
        dumper.dumpAll(kept::add, (kind, e) -> tableFailures.add(new TableFailure(kind, e)));
        if (!awaitTurn(index)) {
            return;
        }
        SocketSink out = sink.started(target.netns());
        for (SocketRecord socket : kept) {
            out.accept(socket);
        }
        for (TableFailure f : tableFailures) {
            sink.tableFailed(target.netns(), f.kind(), f.failure());
        }
        sink.ended(target.netns());
    }

    /**
     * A namespace that went away between being found and being entered: its process exited, its descriptor was
     * closed, its mount was removed.
     */
    private static boolean gone(NetworkNamespace.EnterException e) {
        return e.step() == NetworkNamespace.Step.OPEN && (e.errno() == Errno.ENOENT || e.errno() == Errno.ESRCH);
    }

    private boolean myTurn(int index) {
        synchronized (turnLock) {
            return turn == index && failure == null;
        }
    }

    /** Waits until it is {@code index}'s turn; false when the run failed meanwhile. */
    private boolean awaitTurn(int index) {
        synchronized (turnLock) {
            boolean interrupted = false;
            while (turn != index && failure == null) {
                try {
                    turnLock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return failure == null;
        }
    }

    /** The namespace {@code index} is done (or given up): the next one's turn, once its predecessors are done. */
    private void pass(int index) {
        synchronized (turnLock) {
            // A thread that failed before its turn may end first; the turn moves only from the one holding it.
            while (turn != index && failure == null) {
                try {
                    turnLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (turn == index) {
                turn = index + 1;
            }
            turnLock.notifyAll();
        }
    }

    private void fail(Throwable e) {
        synchronized (turnLock) {
            if (failure == null) {
                failure = e;
            }
            turnLock.notifyAll();
        }
    }

    private boolean failed() {
        synchronized (turnLock) {
            return failure != null;
        }
    }
}
