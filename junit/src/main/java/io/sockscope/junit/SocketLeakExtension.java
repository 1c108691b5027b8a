package io.sockscope.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JUnit Jupiter extension behind {@link DetectSocketLeaks}: before each test it records the sockets this JVM and
 * its child processes hold (their {@code /proc/PID/fd} links, no netlink); after the test it scans again, waits up to
 * the linger for new sockets to close, and when some remain reads the kernel's tables once, classifies them, publishes
 * the JSON report and fails the test with their table ({@link SocketLeakError}).
 *
 * <p>Registered by {@link DetectSocketLeaks}, by {@code @ExtendWith(SocketLeakExtension.class)}, or for every test
 * through JUnit's extension autodetection ({@code junit.jupiter.extensions.autodetection.enabled=true}) together with
 * {@code sockscope.leaks.autodetection.enabled=true}: with the first alone the extension is loaded and stays idle,
 * so that turning autodetection on for another library does not turn this on. Where the tables cannot be read (not
 * Linux, no native access for the library) it does nothing and says so once, in a report entry
 * ({@code sockscope.leaks}) and the JDK's logger.
 */
public final class SocketLeakExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SocketLeakExtension.class);
    private static final System.Logger LOG = System.getLogger(SocketLeakExtension.class.getName());
    /** Between two scans while lingering: short against the default linger, long against a scan. */
    private static final Duration POLL = Duration.ofMillis(10);

    /** Made by JUnit. */
    public SocketLeakExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        DetectionSettings settings = DetectionSettings.of(context);
        if (!settings.active()) {
            return;
        }
        Availability availability = availability(context);
        if (!availability.available()) {
            if (availability.firstToTell()) {
                String why = "sockscope socket leak detection is disabled: " + availability.unavailableBecause();
                LOG.log(System.Logger.Level.WARNING, why);
                context.publishReportEntry(ReportPublisher.ENTRY_KEY, why);
            }
            return;
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(DetectionSettings.class, settings);
        store.put(HeldSockets.class, availability.scanner().scan());
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        HeldSockets before = store.remove(HeldSockets.class, HeldSockets.class);
        DetectionSettings settings = store.remove(DetectionSettings.class, DetectionSettings.class);
        if (before == null || settings == null) {
            return;
        }
        DescriptorScanner scanner = availability(context).scanner();
        HeldSockets added = lingerForCloses(scanner, before, settings.linger());
        if (added.isEmpty()) {
            return;
        }
        LeakInspection.Result found = LeakInspection.inspect(added, scanner);
        List<LeakedSocket> leaks = new ArrayList<>();
        List<LeakedSocket> allowed = new ArrayList<>();
        for (LeakedSocket s : found.sockets()) {
            (settings.allowList().allows(s) ? allowed : leaks).add(s);
        }
        if (leaks.isEmpty() && allowed.isEmpty()) {
            return;
        }
        LeakReport report = new LeakReport(context.getUniqueId(), testName(context),
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
    private static HeldSockets lingerForCloses(DescriptorScanner scanner, HeldSockets before, Duration linger)
            throws InterruptedException {
        HeldSockets added = scanner.scan().addedSince(before);
        long deadline = System.nanoTime() + linger.toNanos();
        while (!added.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Thread.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            added = scanner.scan().addedSince(before);
        }
        return added;
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
