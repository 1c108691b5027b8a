package io.sockscope.junit;

import io.sockscope.api.SocketInspector;
import io.sockscope.api.SockscopeException;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether leaks can be detected in this JVM, decided once (JUnit's root store keeps it): this JVM's descriptors must
 * be readable ({@code /proc}, so Linux) and the library must be able to read the socket tables. When not, the
 * extension does nothing, and says so once: a test never fails because the machine cannot be inspected.
 */
final class Availability {
    private final DescriptorScanner scanner;
    private final String unavailableBecause;
    private final AtomicBoolean told = new AtomicBoolean();

    private Availability(DescriptorScanner scanner, String unavailableBecause) {
        this.scanner = scanner;
        this.unavailableBecause = unavailableBecause;
    }

    static Availability probe() {
        DescriptorScanner scanner = new DescriptorScanner(Path.of("/proc"));
        if (!scanner.readable()) {
            return new Availability(null, "this JVM's descriptors cannot be read (/proc/"
                    + ProcessHandle.current().pid() + "/fd: not Linux?)");
        }
        try {
            SocketInspector.open().close();
            return new Availability(scanner, null);
        } catch (SockscopeException | LinkageError e) {
            return new Availability(null, "the kernel's socket tables cannot be read: " + e.getMessage());
        }
    }

    boolean available() {
        return unavailableBecause == null;
    }

    /** {@return the scanner; only when {@link #available()}} */
    DescriptorScanner scanner() {
        return scanner;
    }

    String unavailableBecause() {
        return unavailableBecause;
    }

    /** {@return true the first time it is asked, once per JVM: whoever gets true says the extension is disabled} */
    boolean firstToTell() {
        return told.compareAndSet(false, true);
    }
}
