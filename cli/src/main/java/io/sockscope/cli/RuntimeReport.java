package io.sockscope.cli;

import io.sockscope.kernel.NativeLayer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@code sockscope -V} says after its first line: the Java runtime, whether the JVM's ahead-of-time cache
 * is in use, and which native calls serve the run. The cache the launcher gave is read from the JVM's own
 * arguments ({@code -XX:AOTCache=FILE}); whether the JVM mapped it, from {@code java.vm.info}, which says
 * {@code sharing} exactly when a class-data archive is mapped. A cache the JVM rejects (made by another runtime
 * or from other jars) leaves no archive mapped at all: the JVM does not fall back to its default one then.
 */
final class RuntimeReport {
    private static final String CACHE_OPTION = "-XX:AOTCache=";

    private RuntimeReport() {
    }

    /** The lines after the version, each ending with a newline. */
    static String lines() {
        return "Java runtime: " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home")
                + ")\n" + "AOT cache: " + describeCache() + "\n" + "Native calls: " + NativeLayer.describe() + "\n";
    }

    /** {@code in use (FILE)}, {@code not in use (no cache given)} or {@code not in use (the cache did not match)}. */
    static String describeCache() {
        Optional<String> given = givenCache();
        if (given.isEmpty()) {
            return "not in use (no cache given)";
        }
        return cacheMapped() ? "in use (" + given.get() + ")" : "not in use (the cache did not match: " + given.get() + ")";
    }

    /** What {@code --debug} says when the JVM was given a cache it did not use; empty otherwise. */
    static Optional<String> unusedCacheNote() {
        return givenCache().filter(file -> !cacheMapped())
                .map(file -> "the start-up cache " + file + " was not used (made by another runtime or from other"
                        + " jars): this run started without it");
    }

    /** The cache file named on the JVM's command line, the last one if several. */
    private static Optional<String> givenCache() {
        List<String> arguments = ProcessHandle.current().info().arguments().map(Arrays::asList).orElse(List.of());
        String file = null;
        for (String argument : arguments) {
            if (argument.startsWith(CACHE_OPTION)) {
                file = argument.substring(CACHE_OPTION.length());
            }
        }
        return Optional.ofNullable(file);
    }

    private static boolean cacheMapped() {
        return System.getProperty("java.vm.info", "").contains("sharing");
    }
}
