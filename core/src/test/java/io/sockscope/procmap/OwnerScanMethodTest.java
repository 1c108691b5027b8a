package io.sockscope.procmap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing between the kernel iterator and /proc: the open-file count, and /proc's answer wherever it is used. */
class OwnerScanMethodTest {

    @Test
    void theOpenFileCountIsFileNrsFirstField() throws IOException {
        try (ProcFixture proc = ProcFixture.create()) {
            assertEquals(0, OwnerScanner.openFiles(proc.root()), "no sys/fs/file-nr: nothing known");
            Path fileNr = proc.root().resolve("sys/fs/file-nr");
            Files.createDirectories(fileNr.getParent());
            Files.writeString(fileNr, "95230\t0\t2466126\n");
            assertEquals(95_230, OwnerScanner.openFiles(proc.root()));
            Files.writeString(fileNr, "garbage\n");
            assertEquals(0, OwnerScanner.openFiles(proc.root()));
        }
    }

    @Test
    void aTreeOtherThanProcIsScannedAsProcEvenOnABusyHost() throws IOException {
        try (ProcFixture proc = ProcFixture.create()) {
            proc.process(10, "web").socket(10, 3, 1001).socket(10, 4, 1002)
                    .process(20, "db").socket(20, 7, 1001);
            Path fileNr = proc.root().resolve("sys/fs/file-nr");
            Files.createDirectories(fileNr.getParent());
            Files.writeString(fileNr, OwnerScanner.KERNEL_ITERATOR_MIN_FILES * 10 + "\t0\t9999999\n");
            List<String> warnings = new ArrayList<>();
            OwnerScanner viaProc = OwnerScannerFixtureTest.scanner(true, 2, warnings);
            for (OwnerScanner.Method method : OwnerScanner.Method.values()) {
                OwnerIndex index = viaProc.using(method).scan(proc.root(), false);
                assertEquals(viaProc.scan(proc.root(), false).owners(1001), index.owners(1001), method.name());
                assertEquals(2, index.owners(1001).size(), method.name());
            }
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void capabilitiesDecideWhetherTheIteratorIsTried() throws IOException {
        assertTrue(OwnerScanner.hasCapabilities(0x1ffffffffffL), "root");
        assertTrue(OwnerScanner.hasCapabilities(1L << 21), "CAP_SYS_ADMIN alone");
        assertTrue(OwnerScanner.hasCapabilities(1L << 38 | 1L << 39), "CAP_BPF with CAP_PERFMON");
        assertFalse(OwnerScanner.hasCapabilities(1L << 39), "CAP_BPF alone");
        assertFalse(OwnerScanner.hasCapabilities(0), "a user");
        try (ProcFixture proc = ProcFixture.create()) {
            Path status = proc.root().resolve("self/status");
            Files.createDirectories(status.getParent());
            Files.writeString(status, "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t0000000000000000\n");
            assertFalse(OwnerScanner.mayLoadBpf(proc.root()));
            Files.writeString(status, "Name:\tjava\nCapEff:\t000001ffffffffff\n");
            assertTrue(OwnerScanner.mayLoadBpf(proc.root()));
            Files.delete(status);
            assertTrue(OwnerScanner.mayLoadBpf(proc.root()), "unknown: the kernel decides");
        }
    }
}
