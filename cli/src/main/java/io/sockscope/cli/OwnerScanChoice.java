package io.sockscope.cli;

import io.sockscope.procmap.OwnerScanner;

import java.util.Locale;
import java.util.Map;

/**
 * How {@code -p} finds owners, from {@value #ENVIRONMENT_VARIABLE}: {@code auto} (the default: the kernel's
 * task-file iterator as root on a host with many open files, else {@code /proc}), {@code proc} (never load a
 * BPF program, for hosts whose policy forbids it) or {@code iterator} (the iterator wherever it applies).
 */
final class OwnerScanChoice {
    static final String ENVIRONMENT_VARIABLE = "SOCKSCOPE_OWNER_SCAN";

    private OwnerScanChoice() {
    }

    static OwnerScanner.Method from(Map<String, String> environment) throws UsageException {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        if (value == null || value.isEmpty()) {
            return OwnerScanner.Method.AUTOMATIC;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> OwnerScanner.Method.AUTOMATIC;
            case "proc" -> OwnerScanner.Method.PROC;
            case "iterator" -> OwnerScanner.Method.KERNEL_ITERATOR;
            default -> throw new UsageException(ENVIRONMENT_VARIABLE + " must be auto, proc or iterator, not '"
                    + value + "'");
        };
    }
}
