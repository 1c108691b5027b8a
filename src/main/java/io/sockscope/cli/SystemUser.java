package io.sockscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who runs sockscope, as far as privileges matter to what the kernel will do for us. */
final class SystemUser {
    private SystemUser() {
    }

    /** Whether the effective user is root (the owner of {@code /proc/self} is the effective uid). */
    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
