package io.sockscope.cli;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;
import io.sockscope.query.NamespaceSink;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code --all-netns --json} / {@code --ndjson}: every namespace's sockets in one document (or stream), each
 * with its {@code netns} and, where known, its container, pod and unit ({@link JsonRows#namespace}). A table
 * that could not be read is said on stderr and makes the exit status 1, as for one namespace; namespaces that
 * could not be entered are told once ({@link NamespacedTable#report}) and do not.
 */
final class NamespacedJson implements NamespaceSink {
    private final JsonRows rows;
    private final Function<SocketRecord, Workload> workloads;
    private final PrintStream err;
    private final Map<Integer, Integer> notEntered = new TreeMap<>();
    private boolean incomplete;

    NamespacedJson(JsonRows rows, Function<SocketRecord, Workload> workloads, PrintStream err) {
        this.rows = rows;
        this.workloads = workloads;
        this.err = err;
    }

    @Override
    public SocketSink started(Netns netns) {
        return rows.namespace(netns, workloads);
    }

    @Override
    public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
        err.println("sockscope: " + netns.label() + ": " + failure.getMessage());
        incomplete = true;
    }

    @Override
    public void ended(Netns netns) {
    }

    @Override
    public void notEntered(Netns netns, NetworkNamespace.EnterException failure) {
        notEntered.merge(failure.errno(), 1, Integer::sum);
    }

    /** Closes the document, tells what could not be listed; the exit status. */
    int finish(int unreadableProcesses) throws IOException {
        rows.finish();
        NamespacedTable.report(err, notEntered, unreadableProcesses);
        return incomplete ? 1 : 0;
    }
}
