package io.sockscope.procmap;

import java.util.function.LongPredicate;

/**
 * What one scan looks for.
 *
 * @param includeThreads whether each process's other threads are read too ({@code ss -T})
 * @param wanted         which socket inodes to keep; called from several threads at once
 * @param excludedPid    a root entry to pass over (the scanning process itself), or -1 for none
 */
record ScanRequest(boolean includeThreads, LongPredicate wanted, long excludedPid) {
}
