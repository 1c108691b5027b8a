package io.sockscope.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JUnit Jupiter extension behind {@link DetectSocketLeaks}: before each test it records the sockets this JVM and
 * its child processes hold (their {@code /proc/PID/fd} links, no netlink); after the test it scans again, waits up to
 * the linger for new sockets to close, and when some remain reads the kernel's tables once, classifies them, publishes
 * the JSON report and fails the test with their table ({@link SocketLeakError}). Around each test class it does the
 * same, for what the class's own code ({@code @BeforeAll}, {@code @AfterAll}, threads that outlived their test) left
 * open and no test was charged with already: the class fails then.
 *
 * <p>Registered by {@link DetectSocketLeaks}, by {@code @ExtendWith(SocketLeakExtension.class)}, or for every test
 * through JUnit's extension autodetection ({@code junit.jupiter.extensions.autodetection.enabled=true}) together with
 * {@code sockscope.leaks.autodetection.enabled=true}: with the first alone the extension is loaded and stays idle,
 * so that turning autodetection on for another library does not turn this on. Where the tables cannot be read (not
 * Linux, no native access for the library) it does nothing and says so once, in a report entry
 * ({@code sockscope.leaks}) and the JDK's logger.
 */
public final class SocketLeakExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SocketLeakExtension.class);
    private static final System.Logger LOG = System.getLogger(SocketLeakExtension.class.getName());
    /** Between two scans while lingering: short against the default linger, long against a scan. */
    private static final Duration POLL = Duration.ofMillis(10);

    /**
     * The inodes a class's tests were charged with (failed, or allowed), so that the class's own check does not charge
     * the class with them again. Tests of one class may run on several threads.
     */
    private record ChargedSockets(Set<Long> inodes) {
        ChargedSockets() {
            this(ConcurrentHashMap.newKeySet());
        }
    }

    /** Made by JUnit. */
    public SocketLeakExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (record(context)) {
            context.getStore(NAMESPACE).put(ChargedSockets.class, new ChargedSockets());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        ChargedSockets charged = context.getStore(NAMESPACE).remove(ChargedSockets.class, ChargedSockets.class);
        check(context, charged == null ? Set.of() : charged.inodes(),
                context.getRequiredTestClass().getSimpleName() + " (@BeforeAll, @AfterAll, after its tests)");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        record(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        check(context, Set.of(), testName(context));
    }

    /** Records what is held before a test or a class, when the extension looks at it; {@return whether it does} */
    private static boolean record(ExtensionContext context) {
        DetectionSettings settings = DetectionSettings.of(context);
        if (!settings.active()) {
            return false;
        }
        Availability availability = availability(context);
        if (!availability.available()) {
            if (availability.firstToTell()) {
                String why = "sockscope socket leak detection is disabled: " + availability.unavailableBecause();
                LOG.log(System.Logger.Level.WARNING, why);
                context.publishReportEntry(ReportPublisher.ENTRY_KEY, why);
            }
            return false;
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(DetectionSettings.class, settings);
        store.put(HeldSockets.class, availability.scanner().scan());
        return true;
    }

    /** Compares what is held now with what {@link #record} found, less what was charged already; fails on a leak. */
    private static void check(ExtensionContext context, Set<Long> chargedAlready, String name)
            throws InterruptedException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        HeldSockets before = store.remove(HeldSockets.class, HeldSockets.class);
        DetectionSettings settings = store.remove(DetectionSettings.class, DetectionSettings.class);
        if (before == null || settings == null) {
            return;
        }
        DescriptorScanner scanner = availability(context).scanner();
        HeldSockets added = lingerForCloses(scanner, before, settings.linger(), chargedAlready);
        if (added.isEmpty()) {
            return;
        }
        LeakInspection.Result found = LeakInspection.inspect(added, scanner);
        chargeEnclosingClasses(context, found.sockets());
        List<LeakedSocket> leaks = new ArrayList<>();
        List<LeakedSocket> allowed = new ArrayList<>();
        for (LeakedSocket s : found.sockets()) {
            (settings.allowList().allows(s) ? allowed : leaks).add(s);
        }
        if (leaks.isEmpty() && allowed.isEmpty()) {
            return;
        }
        LeakReport report = new LeakReport(context.getUniqueId(), name,
                context.getTestClass().map(Class::getName).orElse(null),
                context.getTestMethod().map(Method::getName).orElse(null), settings.linger(), leaks, allowed,
                settings.allowedBecause(), found.tablesFailure());
        ReportPublisher.publish(context, LeakReportJson.of(report));
        if (report.fails()) {
            throw new SocketLeakError(LeakTable.message(report), leaks);
        }
    }

    /**
     * The sockets gained since {@code before} that are still held once the linger is over, or as soon as none is:
     * a test that leaves the set as it found it costs one scan here.
     */
    private static HeldSockets lingerForCloses(DescriptorScanner scanner, HeldSockets before, Duration linger,
                                               Set<Long> chargedAlready) throws InterruptedException {
        HeldSockets added = scanner.scan().addedSince(before).without(chargedAlready);
        long deadline = System.nanoTime() + linger.toNanos();
        while (!added.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Thread.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            added = scanner.scan().addedSince(before).without(chargedAlready);
        }
        return added;
    }

    /** Tells every enclosing class's check that these sockets were charged already (to this test, or a nested class). */
    private static void chargeEnclosingClasses(ExtensionContext context, List<LeakedSocket> sockets) {
        for (Optional<ExtensionContext> c = context.getParent(); c.isPresent(); c = c.get().getParent()) {
            ChargedSockets charged = c.get().getStore(NAMESPACE).get(ChargedSockets.class, ChargedSockets.class);
            if (charged != null) {
                sockets.forEach(s -> charged.inodes().add(s.inode()));
            }
        }
    }

    private static Availability availability(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Availability.class, k -> Availability.probe(), Availability.class);
    }

    private static String testName(ExtensionContext context) {
        String className = context.getTestClass().map(Class::getSimpleName).orElse("");
        return className.isEmpty() ? context.getDisplayName() : className + " > " + context.getDisplayName();
    }
}
