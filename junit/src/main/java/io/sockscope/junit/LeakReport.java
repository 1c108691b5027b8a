package io.sockscope.junit;

import java.time.Duration;
import java.util.List;

/**
 * What one test left open, as the failure's table and the JSON report both tell it.
 *
 * @param testId         JUnit's unique id of the test
 * @param testName       the test as the table's Test column names it: its class's simple name and display name
 * @param testClass      the test class's name
 * @param testMethod     the test method's name
 * @param linger         how long closes in flight were waited for
 * @param leaks          the sockets that count: those no allow-list allowed
 * @param allowed        the sockets an allow-list (port, address, predicate) allowed
 * @param allowedBecause the reason of {@link AllowSocketLeaks}, or null when the test has none
 * @param tablesFailure  why the kernel's tables could not be read, or null when they were
 */
record LeakReport(String testId, String testName, String testClass, String testMethod, Duration linger,
                  List<LeakedSocket> leaks, List<LeakedSocket> allowed, String allowedBecause, String tablesFailure) {
    LeakReport {
        leaks = List.copyOf(leaks);
        allowed = List.copyOf(allowed);
    }

    /** {@return whether the test fails: something counts, and no {@link AllowSocketLeaks} lets it} */
    boolean fails() {
        return !leaks.isEmpty() && allowedBecause == null;
    }
}
