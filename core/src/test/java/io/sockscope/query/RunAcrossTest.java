package io.sockscope.query;

import io.sockscope.filter.CompiledFilter;
import io.sockscope.kernel.Errno;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.procmap.OwnerScanner;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;
import io.sockscope.testing.HeldListener;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QueryEngine#runAcross} over real namespaces: each namespace's listeners, read on a thread inside it and
 * handed on in the order given; one owner scan for all (this JVM holds a listener in each); a namespace that is
 * gone is passed over in silence, one that cannot be entered is told.
 */
class RunAcrossTest {
    private static final Query TCP_LISTENERS = new Query(SocketTable.TCP.bit(), TcpState.bit(TcpState.LISTEN),
            AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6), AddressFamily.UNSPEC,
            CompiledFilter.NONE, Query.Attributes.NONE, FallbackPolicy.SS, false,
            new Query.Owners(true, false, OwnerScanner.Method.PROC, false));

    /** What the sink saw, in order. */
    private static final class Recorder implements NamespaceSink {
        final List<String> calls = new ArrayList<>();
        final Map<String, List<InetSocket>> sockets = new HashMap<>();
        final Map<String, String> threadNamespace = new HashMap<>();
        final Map<String, String> threadName = new HashMap<>();
        final Map<Long, List<Owner>> owners = new HashMap<>();
        final OwnerJoin join;

        Recorder(OwnerJoin join) {
            this.join = join;
        }

        @Override
        public SocketSink started(Netns netns) {
            calls.add("start " + netns.label());
            threadName.put(netns.label(), Thread.currentThread().getName());
            try {
                threadNamespace.put(netns.label(), Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            List<InetSocket> list = sockets.computeIfAbsent(netns.label(), k -> new ArrayList<>());
            return socket -> {
                list.add((InetSocket) socket);
                owners.put(socket.inode(), join.owners(socket.inode()));
            };
        }

        @Override
        public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
            calls.add("failed " + netns.label() + " " + kind);
        }

        @Override
        public void ended(Netns netns) {
            calls.add("end " + netns.label());
        }

        @Override
        public void notEntered(Netns netns, NotEntered failure) {
            calls.add("not entered " + netns.label() + " " + Errno.name(failure.errno()));
        }
    }

    private static long inode(Path nsfs) throws Exception {
        return ((Number) Files.getAttribute(nsfs, "unix:ino")).longValue();
    }

    @Test
    void everyNamespaceIsReadOnAThreadInsideItAndHandedOnInOrder() throws Exception {
        try (ScratchNamespace a = ScratchNamespace.create(); ScratchNamespace b = ScratchNamespace.create();
             ScratchNamespace empty = ScratchNamespace.create();
             HeldListener inA = new HeldListener(a.name()); HeldListener inB = new HeldListener(b.name());
             HeldListener here = new HeldListener(null)) {
            Path own = Path.of("/proc/self/ns/net");
            List<NamespaceTarget> targets = List.of(
                    new NamespaceTarget(new Netns(inode(own), null, List.of(1)), own, true),
                    new NamespaceTarget(new Netns(inode(b.file()), b.name(), List.of()), b.file(), false),
                    new NamespaceTarget(new Netns(1, null, List.of(999_999_999)),
                            Path.of("/proc/999999999/ns/net"), false),
                    new NamespaceTarget(new Netns(2, "uts", List.of()), Path.of("/proc/self/ns/uts"), false),
                    new NamespaceTarget(new Netns(inode(empty.file()), empty.name(), List.of()), empty.file(), false),
                    new NamespaceTarget(new Netns(inode(a.file()), a.name(), List.of()), a.file(), false));
            try (QueryEngine engine = new QueryEngine(ProcPaths.system(), message -> { })) {
                Recorder recorder = new Recorder(engine.owners());
                engine.runAcross(TCP_LISTENERS, targets, recorder);

                assertEquals(List.of("start pid:1", "end pid:1", "start " + b.name(), "end " + b.name(),
                        "not entered uts EINVAL", "start " + empty.name(), "end " + empty.name(),
                        "start " + a.name(), "end " + a.name()), recorder.calls,
                        "in the order given; the vanished one in silence, the wrong kind told");
                assertEquals("net:[" + inode(a.file()) + "]", recorder.threadNamespace.get(a.name()));
                assertEquals("net:[" + inode(b.file()) + "]", recorder.threadNamespace.get(b.name()));
                assertEquals(Files.readSymbolicLink(own).toString(), recorder.threadNamespace.get("pid:1"));
                assertTrue(recorder.threadName.get(a.name()).startsWith("sockscope-netns-"));
                assertNotEquals(Thread.currentThread().getName(), recorder.threadName.get("pid:1"));

                assertTrue(recorder.sockets.get(empty.name()).isEmpty(), "a fresh namespace has no listener");
                assertEquals(List.of(inA.port()), ports(recorder.sockets.get(a.name())));
                assertEquals(List.of(inB.port()), ports(recorder.sockets.get(b.name())));
                assertTrue(ports(recorder.sockets.get("pid:1")).contains(here.port()));
                assertFalse(ports(recorder.sockets.get("pid:1")).contains(inA.port()) && inA.port() != here.port());

                long self = ProcessHandle.current().pid();
                for (String ns : List.of(a.name(), b.name())) {
                    InetSocket listener = recorder.sockets.get(ns).getFirst();
                    assertTrue(recorder.owners.get(listener.inode()).stream().anyMatch(o -> o.pid() == self),
                            "one scan finds this JVM holding the listener in " + ns);
                }
            }
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")),
                    Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")), "the caller did not move");
        }
    }

    private static List<Integer> ports(List<InetSocket> sockets) {
        return sockets.stream().map(s -> s.local().port()).toList();
    }
}
