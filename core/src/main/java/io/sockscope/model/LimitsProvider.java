package io.sockscope.model;

import java.util.Optional;

/** Resource limits of processes ({@code /proc/<pid>/limits} and the size of {@code /proc/<pid>/fd}). */
@FunctionalInterface
public interface LimitsProvider {
    /** The process's descriptor use and limit, or empty when it cannot be read (gone, or not ours to read). */
    Optional<ProcessLimits> limits(int pid);
}
