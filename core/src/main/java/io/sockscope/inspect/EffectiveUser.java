package io.sockscope.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who runs sockscope, as far as privileges matter to what the kernel and {@code /proc} will show us. */
public final class EffectiveUser {
    private EffectiveUser() {
    }

    /** The effective uid (the owner of {@code /proc/self} is the effective uid), or -1 when unreadable. */
    public static int uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether the effective user is root. */
    public static boolean isRoot() {
        return uid() == 0;
    }
}
