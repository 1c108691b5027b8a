package io.sockscope.model;

/**
 * A process's descriptor use against its {@code RLIMIT_NOFILE}.
 *
 * @param pid             the process
 * @param openDescriptors how many descriptors it has open now
 * @param softLimit       the soft limit (what open() and accept() run into), -1 for unlimited
 * @param hardLimit       the hard limit, -1 for unlimited
 */
public record ProcessLimits(int pid, long openDescriptors, long softLimit, long hardLimit) {
}
