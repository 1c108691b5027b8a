package io.sockscope.procmap;

import io.sockscope.kernel.NativeLayer;

import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link JniPathTest}: scans the process tree at {@code args[0]} (threads too)
 * and prints which system call path served the scan, then every (socket, owner) pair in scan order.
 */
final class JniProbe {
    private JniProbe() {
    }

    public static void main(String[] args) {
        OwnerScanner scanner = OwnerScanner.create(message -> System.out.println("warning " + message));
        System.out.println("jni " + NativeLayer.usesJni() + ", native calls " + scanner.usesNativeCalls());
        scanner.scan(Path.of(args[0]), true).forEach((inode, owner) -> System.out.println(inode + " " + owner));
    }
}
