package io.sockscope.bench;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.WarningSink;
import io.sockscope.procmap.OwnerIndex;
import io.sockscope.procmap.OwnerScanner;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpRequest;
import io.sockscope.source.NetlinkSource;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OperatingSystem;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A warm snapshot of every TCP socket of the current network namespace together with the processes that
 * hold them: sockscope's library (a {@code sock_diag} dump through {@link NetlinkSource} and the owner scan
 * of {@link OwnerScanner}: the kernel's task-file iterator here, {@link #ownerScanProcOnly} measuring the
 * parallel {@code /proc} scan it replaces) against OSHI's {@code getConnections()}, which parses
 * {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6} and maps inodes to processes with a
 * {@code /proc} scan of its own. {@link #dumpOnly} and {@link #ownerScanOnly} split sockscope's time into
 * its two parts; {@link #snapshot} overlaps them as {@code -tanp} does, {@link #snapshotSequential} runs one
 * after the other.
 *
 * <p>Run through {@code bench/jmh/run}, which builds the load (tens of thousands of loopback connections in
 * a network namespace of their own) and runs this JVM inside that namespace. The system property
 * {@code bench.minSockets} makes the trial fail when fewer sockets than that are visible, so that a run
 * outside the load cannot pass for a measurement of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SnapshotBenchmark {
    private static final Path PROC = Path.of("/proc");

    /** Every TCP socket of both inet families, in every state: what {@code ss -tan -a} asks for. */
    private static final DumpRequest ALL_TCP = new DumpRequest(SocketTable.TCP.bit(), TcpState.ALL,
            AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6), AddressFamily.UNSPEC,
            false, false, false, false, false, null);

    private NetlinkSource source;
    private OwnerScanner scanner;
    private OwnerScanner procScanner;
    private InternetProtocolStats oshi;

    @Setup
    public void setUp() throws SourceException {
        source = new NetlinkSource();
        scanner = OwnerScanner.create();
        procScanner = OwnerScanner.create().using(OwnerScanner.Method.PROC);
        OperatingSystem os = new SystemInfo().getOperatingSystem();
        oshi = os.getInternetProtocolStats();

        // What each side sees, once: both must see the load, or the comparison means nothing.
        Counts counts = snapshot(source, scanner);
        List<?> connections = oshi.getConnections();
        System.out.printf("sockscope: %d TCP sockets, %d owner entries; OSHI: %d connections (tcp, tcp6, udp, udp6)%n",
                counts.sockets, counts.owners, connections.size());
        long wanted = Long.getLong("bench.minSockets", 0);
        if (counts.sockets < wanted) {
            throw new IllegalStateException("only " + counts.sockets + " TCP sockets are visible, expected at least "
                    + wanted + ": is this JVM running inside the load's network namespace?");
        }
    }

    /**
     * sockscope as {@code -tanp} does it: the owner scan on threads of its own while the dump is received,
     * every socket's owners looked up (the first lookup waits for the scan).
     */
    @Benchmark
    public long snapshot() throws SourceException {
        Counts counts = new Counts(scanner.scanAsync(PROC, false));
        source.dump(DumpKind.TCP, ALL_TCP, counts, WarningSink.IGNORE);
        return counts.sockets + counts.owners;
    }

    /** sockscope: the owner scan, then the dump with every socket's owners looked up. */
    @Benchmark
    public long snapshotSequential() throws SourceException {
        Counts counts = snapshot(source, scanner);
        return counts.sockets + counts.owners;
    }

    /** sockscope: the dump alone, every socket decoded and counted. */
    @Benchmark
    public long dumpOnly() throws SourceException {
        Counts counts = new Counts(CompletableFuture.completedFuture(OwnerIndex.empty()));
        source.dump(DumpKind.TCP, ALL_TCP, counts, WarningSink.IGNORE);
        return counts.sockets;
    }

    /**
     * sockscope: the owner scan alone, as the library does it (the kernel's task-file iterator when this JVM
     * may load BPF programs, as bench/jmh/run's root JVM may, on a host this busy).
     */
    @Benchmark
    public int ownerScanOnly() {
        return scanner.scan(PROC, false).size();
    }

    /** sockscope: the owner scan alone, reading every {@code /proc/PID/fd} link on several threads. */
    @Benchmark
    public int ownerScanProcOnly() {
        return procScanner.scan(PROC, false).size();
    }

    /** OSHI: every TCP and UDP connection with its owning process. */
    @Benchmark
    public List<?> oshiConnections() {
        return oshi.getConnections();
    }

    private static Counts snapshot(NetlinkSource source, OwnerScanner scanner) throws SourceException {
        Counts counts = new Counts(CompletableFuture.completedFuture(scanner.scan(PROC, false)));
        source.dump(DumpKind.TCP, ALL_TCP, counts, WarningSink.IGNORE);
        return counts;
    }

    /**
     * Counts the sockets a dump delivers and the owners of each, so that nothing is optimised away; the
     * first socket waits for the scan.
     */
    private static final class Counts implements SocketSink {
        private final CompletableFuture<OwnerIndex> scan;
        private OwnerIndex index;
        long sockets;
        long owners;

        Counts(CompletableFuture<OwnerIndex> scan) {
            this.scan = scan;
        }

        @Override
        public void accept(SocketRecord socket) {
            if (index == null) {
                index = scan.join();
            }
            sockets++;
            owners += index.owners(socket.inode()).size();
        }
    }
}
