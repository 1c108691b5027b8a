package io.sockscope.render;

/**
 * glibc's {@code major()} and {@code minor()} of a 32-bit device number. The kernel reports a unix socket file's
 * device in its internal encoding ({@code major << 20 | minor}), but ss splits it with these, which expect the
 * user-space encoding; splitting it the same way shows 254:0 as {@code 0/65024}, as ss does.
 */
final class DeviceNumbers {
    private DeviceNumbers() {
    }

    static long major(long device) {
        return (device >>> 8) & 0xfff | ((device >>> 32) & 0xfffff000L);
    }

    static long minor(long device) {
        return (device & 0xff) | ((device >>> 12) & 0xffffff00L);
    }
}
