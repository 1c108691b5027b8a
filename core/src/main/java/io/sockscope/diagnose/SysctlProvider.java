package io.sockscope.diagnose;

import java.util.Optional;

/** Kernel settings of the examined network namespace, by their sysctl names ({@code net.core.somaxconn}). */
@FunctionalInterface
public interface SysctlProvider {
    /** The value as {@code sysctl -n} prints it (whitespace trimmed), or empty when unreadable or absent. */
    Optional<String> read(String name);
}
