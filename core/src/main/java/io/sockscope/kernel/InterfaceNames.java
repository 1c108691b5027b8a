package io.sockscope.kernel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Interface index to name, as ss prints a bound device: {@code *} for index 0, the kernel's name when the
 * interface exists ({@code if_indextoname}), otherwise {@code if} followed by the unsigned index. Answers are
 * cached for the life of the instance, so one listing shows one consistent name per index even if an
 * interface is renamed meanwhile.
 *
 * <p>Not thread-safe: one instance per thread or per listing.
 */
public final class InterfaceNames {
    private final Map<Integer, String> cache = new HashMap<>();

    /** The name to print for {@code ifindex}. */
    public String name(int ifindex) {
        if (ifindex == 0) {
            return "*";
        }
        return cache.computeIfAbsent(ifindex, InterfaceNames::lookUp);
    }

    /** The index of the interface named {@code name} ({@code if_nametoindex}), or 0 when there is none. */
    public int index(String name) {
        if (name.isEmpty() || name.length() >= Syscalls.IF_NAMESIZE) {
            return 0;
        }
        return (int) NativeLayer.syscalls().ifNameToIndex(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String lookUp(int ifindex) {
        byte[] buffer = new byte[Syscalls.IF_NAMESIZE];
        int length = (int) NativeLayer.syscalls().ifIndexToName(ifindex, buffer);
        return length > 0 ? new String(buffer, 0, length, StandardCharsets.UTF_8)
                : "if" + Integer.toUnsignedString(ifindex);
    }
}
