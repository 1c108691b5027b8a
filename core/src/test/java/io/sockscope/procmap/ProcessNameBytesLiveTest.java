package io.sockscope.procmap;

import io.sockscope.model.Owner;
import io.sockscope.testing.NamedListeners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real processes named with bytes that are not ASCII text: UTF-8 ({@code üml}; {@code ě} and {@code Ċ}, whose
 * low bytes are ESC and a newline), invalid UTF-8, and control bytes. Every way of finding owners gives the
 * kernel's bytes unchanged: the /proc scans on java.nio and on native calls, and the kernel's task-file
 * iterator, which reads the task's {@code comm} itself.
 */
class ProcessNameBytesLiveTest {
    private static final Path PROC = Path.of("/proc");
    private static final List<byte[]> NAMES = List.of(hex("c3bc6d6c"), hex("fd6d6c"), hex("c49b41"), hex("c48a42"),
            hex("ff"), hex("611b5b33316d78"), hex("610a62"));

    private static NamedListeners listeners;
    /** Socket inode → the name of the process listening on it. */
    private static final Map<Long, byte[]> NAME_BY_INODE = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        listeners = NamedListeners.start(List.of(), NAMES);
        for (int i = 0; i < NAMES.size(); i++) {
            NAME_BY_INODE.put(SsCommand.tcpInode(listeners.ports().get(i)), NAMES.get(i));
        }
    }

    @AfterAll
    static void stop() {
        if (listeners != null) {
            listeners.close();
        }
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void theProcScanKeepsTheBytes(String name, boolean nativeCalls, int threads) {
        List<String> warnings = new ArrayList<>();
        OwnerIndex index = OwnerScannerFixtureTest.scanner(nativeCalls, threads, warnings)
                .scan(PROC, false, NAME_BY_INODE::containsKey);
        assertNamesKept(index);
        assertEquals(List.of(), warnings);
    }

    @Test
    void theKernelIteratorKeepsTheBytes() {
        assumeTrue(isRoot(), "loading a BPF iterator needs root (CAP_BPF and CAP_PERFMON); skipped as a user");
        assumeTrue(Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "the kernel publishes no BTF");
        OwnerScanner scanner = OwnerScannerFixtureTest.scanner(true, 2, new ArrayList<>());
        TaskFileScan.Outcome outcome = scanner.kernelIteratorScan(PROC,
                new ScanRequest(false, NAME_BY_INODE::containsKey, -1));
        assertNull(outcome.refusal(), "the iterator applies as root in the initial PID namespace");
        assertNamesKept(outcome.index());
    }

    private static void assertNamesKept(OwnerIndex index) {
        NAME_BY_INODE.forEach((inode, expected) -> {
            List<Owner> owners = index.owners(inode);
            assertEquals(1, owners.size(), () -> "owners of the listener named " + HexFormat.of().formatHex(expected));
            assertArrayEquals(expected, owners.getFirst().command().bytes(),
                    () -> "name of " + owners.getFirst() + ", in hex " + HexFormat.of().formatHex(expected));
        });
    }

    private static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }
}
