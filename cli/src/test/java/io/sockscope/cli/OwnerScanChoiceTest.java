package io.sockscope.cli;

import io.sockscope.procmap.OwnerScanner;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OwnerScanChoiceTest {

    @Test
    void unsetOrEmptyIsAutomatic() throws Exception {
        assertEquals(OwnerScanner.Method.AUTOMATIC, OwnerScanChoice.from(Map.of()));
        assertEquals(OwnerScanner.Method.AUTOMATIC, OwnerScanChoice.from(Map.of("SOCKSCOPE_OWNER_SCAN", "")));
    }

    @Test
    void eachNamedWayIsTaken() throws Exception {
        assertEquals(OwnerScanner.Method.AUTOMATIC, OwnerScanChoice.from(Map.of("SOCKSCOPE_OWNER_SCAN", "auto")));
        assertEquals(OwnerScanner.Method.PROC, OwnerScanChoice.from(Map.of("SOCKSCOPE_OWNER_SCAN", "proc")));
        assertEquals(OwnerScanner.Method.KERNEL_ITERATOR,
                OwnerScanChoice.from(Map.of("SOCKSCOPE_OWNER_SCAN", "Iterator")));
    }

    @Test
    void anythingElseIsAUsageError() {
        UsageException e = assertThrows(UsageException.class,
                () -> OwnerScanChoice.from(Map.of("SOCKSCOPE_OWNER_SCAN", "bpf")));
        assertEquals("SOCKSCOPE_OWNER_SCAN must be auto, proc or iterator, not 'bpf'", e.getMessage());
        assertEquals(255, e.exitCode());
    }
}
