package io.sockscope.query;

/**
 * Why a run across namespaces could not enter one ({@link NamespaceSink#notEntered}): the errno of the failed
 * call ({@code EPERM} without {@code CAP_SYS_ADMIN}, {@code EINVAL} for a file of another kind of namespace) and
 * what failed, as the kernel said it ({@code setns /proc/812/ns/net: EPERM}).
 *
 * @param errno   the failed call's errno, positive
 * @param message the call, its file and the errno's name
 */
public record NotEntered(int errno, String message) {
}
