package io.sockscope.filter;

import java.util.HexFormat;
import java.util.List;

/**
 * What ss 6.1 puts in the {@code INET_DIAG_REQ_BYTECODE} attribute of its inet dump requests for a filter.
 */
public sealed interface BytecodePlan {

    /**
     * ss sends no bytecode: the expression contains a condition ss cannot compile ({@code dev}), and ss then
     * drops the whole program. The kernel returns every socket; the userspace filter does all the work.
     *
     * @param uncompilable the nodes that have no bytecode
     */
    record None(List<Filter> uncompilable) implements BytecodePlan {
        public None {
            uncompilable = List.copyOf(uncompilable);
        }
    }

    /**
     * The program is longer than one netlink attribute can carry (its length field is 16 bits). ss still
     * tries; its request fails ({@code EMSGSIZE} or a malformed attribute) and ss falls back to
     * {@code /proc/net}, filtering in userspace.
     *
     * @param length the length ss would have computed
     */
    record Oversized(long length) implements BytecodePlan {
    }

    /**
     * The bytes ss sends.
     *
     * @param bytes         the program, byte for byte as ss builds it (host byte order for the numeric
     *                      fields, zeros in struct padding)
     * @param exact         false when ss would copy bytes it does not control: a {@code unix:} condition
     *                      puts four bytes of a heap pointer where the address goes; those are zeros here
     * @param kernelAccepts false when the kernel's bytecode audit refuses the program ({@code EINVAL}): a
     *                      host condition of any family but inet, inet6 or none (unix, link, netlink,
     *                      vsock). ss then falls back to {@code /proc/net} and filters in userspace.
     * @param needsNetAdmin the program tests marks, which the kernel only allows with
     *                      {@code CAP_NET_ADMIN} ({@code EPERM} otherwise, and the same fallback)
     */
    record Program(byte[] bytes, boolean exact, boolean kernelAccepts, boolean needsNetAdmin)
            implements BytecodePlan {
        public Program {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Program p && java.util.Arrays.equals(bytes, p.bytes) && exact == p.exact
                    && kernelAccepts == p.kernelAccepts && needsNetAdmin == p.needsNetAdmin;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes) * 31 + (exact ? 4 : 0) + (kernelAccepts ? 2 : 0)
                    + (needsNetAdmin ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Program[" + HexFormat.of().formatHex(bytes) + ", exact=" + exact + ", kernelAccepts="
                    + kernelAccepts + ", needsNetAdmin=" + needsNetAdmin + "]";
        }
    }
}
