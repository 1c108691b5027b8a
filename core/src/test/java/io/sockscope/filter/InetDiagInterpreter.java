package io.sockscope.filter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's side of sock_diag filtering, written from {@code net/ipv4/inet_diag.c}: the bytecode
 * interpreter ({@code inet_diag_bc_run}) and the validation it runs first ({@code inet_diag_bc_audit}).
 * Test code only: it lets the tests run what {@link BytecodeCompiler} emits against sockets without a kernel.
 */
final class InetDiagInterpreter {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    /** {@code SOCK_BINDPORT_LOCK}: set when the application chose the port. */
    static final int SOCK_BINDPORT_LOCK = 8;

    private static final int NOP = 0;
    private static final int JMP = 1;
    private static final int S_GE = 2;
    private static final int S_LE = 3;
    private static final int D_GE = 4;
    private static final int D_LE = 5;
    private static final int AUTO = 6;
    private static final int S_COND = 7;
    private static final int D_COND = 8;
    private static final int DEV_COND = 9;
    private static final int MARK_COND = 10;
    private static final int S_EQ = 11;
    private static final int D_EQ = 12;
    private static final int CGROUP_COND = 13;

    /** {@code struct inet_diag_entry}: what the kernel knows of a socket while filtering. */
    record Entry(int family, byte[] saddr, byte[] daddr, int sport, int dport, int ifindex, int userlocks,
                 int mark, long cgroupId) {
    }

    private InetDiagInterpreter() {
    }

    private static ByteBuffer view(byte[] bc) {
        return ByteBuffer.wrap(bc).order(ByteOrder.nativeOrder());
    }

    /** {@code inet_diag_bc_run}: true when the program accepts the socket. */
    static boolean run(byte[] bc, Entry entry) {
        ByteBuffer b = view(bc);
        int pos = 0;
        int len = bc.length;
        while (len > 0) {
            boolean yes = true;
            int code = b.get(pos) & 0xFF;
            int opYes = b.get(pos + 1) & 0xFF;
            int opNo = b.getShort(pos + 2) & 0xFFFF;
            switch (code) {
                case NOP -> { }
                case JMP -> yes = false;
                case S_EQ -> yes = entry.sport() == (b.getShort(pos + 6) & 0xFFFF);
                case S_GE -> yes = entry.sport() >= (b.getShort(pos + 6) & 0xFFFF);
                case S_LE -> yes = entry.sport() <= (b.getShort(pos + 6) & 0xFFFF);
                case D_EQ -> yes = entry.dport() == (b.getShort(pos + 6) & 0xFFFF);
                case D_GE -> yes = entry.dport() >= (b.getShort(pos + 6) & 0xFFFF);
                case D_LE -> yes = entry.dport() <= (b.getShort(pos + 6) & 0xFFFF);
                case AUTO -> yes = (entry.userlocks() & SOCK_BINDPORT_LOCK) == 0;
                case S_COND, D_COND -> yes = hostCondition(b, pos, code == S_COND, entry);
                case DEV_COND -> yes = b.getInt(pos + 4) == entry.ifindex();
                case MARK_COND -> yes = (entry.mark() & b.getInt(pos + 8)) == b.getInt(pos + 4);
                case CGROUP_COND -> yes = b.getLong(pos + 4) == entry.cgroupId();
                default -> { }
            }
            int step = yes ? opYes : opNo;
            len -= step;
            pos += step;
        }
        return len == 0;
    }

    private static boolean hostCondition(ByteBuffer b, int pos, boolean source, Entry entry) {
        int family = b.get(pos + 4) & 0xFF;
        int prefixLen = b.get(pos + 5) & 0xFF;
        int port = b.getInt(pos + 8);
        byte[] condAddr = new byte[16];
        int avail = Math.min(16, b.capacity() - (pos + 12));
        b.get(pos + 12, condAddr, 0, Math.max(0, avail));
        if (port != -1 && port != (source ? entry.sport() : entry.dport())) {
            return false;
        }
        byte[] addr = source ? entry.saddr() : entry.daddr();
        if (family != AF_UNSPEC && family != entry.family()) {
            if (entry.family() == AF_INET6 && family == AF_INET) {
                boolean mapped = true;
                for (int i = 0; i < 10; i++) {
                    mapped &= addr[i] == 0;
                }
                mapped &= addr[10] == (byte) 0xFF && addr[11] == (byte) 0xFF;
                if (mapped && bitstringMatch(slice(addr, 12), condAddr, prefixLen)) {
                    return true;
                }
            }
            return false;
        }
        if (prefixLen == 0) {
            return true;
        }
        return bitstringMatch(addr, condAddr, prefixLen);
    }

    private static byte[] slice(byte[] a, int from) {
        byte[] out = new byte[16];
        System.arraycopy(a, from, out, 0, a.length - from);
        return out;
    }

    /** The kernel's {@code bitstring_match}: whole 32-bit words, then the leading bits of the next. */
    private static boolean bitstringMatch(byte[] a1, byte[] a2, int bits) {
        int words = bits >> 5;
        int rest = bits & 0x1f;
        for (int i = 0; i < words * 4; i++) {
            if (at(a1, i) != at(a2, i)) {
                return false;
            }
        }
        if (rest != 0) {
            long w1 = word(a1, words * 4);
            long w2 = word(a2, words * 4);
            long mask = (0xFFFF_FFFFL << (32 - rest)) & 0xFFFF_FFFFL;
            return ((w1 ^ w2) & mask) == 0;
        }
        return true;
    }

    private static int at(byte[] a, int i) {
        return i < a.length ? a[i] & 0xFF : 0;
    }

    /** A big-endian word (the kernel compares network-order words under an ntohl mask). */
    private static long word(byte[] a, int i) {
        return ((long) at(a, i) << 24) | (at(a, i + 1) << 16) | (at(a, i + 2) << 8) | at(a, i + 3);
    }

    /**
     * {@code inet_diag_bc_audit}: null when the kernel accepts the program, else the reason it answers
     * EINVAL (or EPERM for a mark test without {@code CAP_NET_ADMIN}).
     */
    static String audit(byte[] bc, boolean netAdmin) {
        if (bc.length < 4) {
            return "EINVAL: shorter than one op";
        }
        ByteBuffer b = view(bc);
        int pos = 0;
        int len = bc.length;
        while (len > 0) {
            int minLen = 4;
            int code = b.get(pos) & 0xFF;
            switch (code) {
                case S_COND, D_COND -> {
                    minLen += 8;
                    if (len < minLen) {
                        return "EINVAL: hostcond truncated";
                    }
                    int family = b.get(pos + 4) & 0xFF;
                    int addrLen = switch (family) {
                        case AF_UNSPEC -> 0;
                        case AF_INET -> 4;
                        case AF_INET6 -> 16;
                        default -> -1;
                    };
                    if (addrLen < 0) {
                        return "EINVAL: hostcond family " + family;
                    }
                    minLen += addrLen;
                    if (len < minLen) {
                        return "EINVAL: hostcond address truncated";
                    }
                    if ((b.get(pos + 5) & 0xFF) > 8 * addrLen) {
                        return "EINVAL: prefix longer than the address";
                    }
                }
                case DEV_COND -> {
                    minLen += 4;
                    if (len < minLen) {
                        return "EINVAL: devcond truncated";
                    }
                }
                case S_EQ, S_GE, S_LE, D_EQ, D_GE, D_LE -> {
                    minLen += 4;
                    if (len < minLen) {
                        return "EINVAL: port comparison truncated";
                    }
                }
                case MARK_COND -> {
                    if (!netAdmin) {
                        return "EPERM: mark without CAP_NET_ADMIN";
                    }
                    minLen += 8;
                    if (len < minLen) {
                        return "EINVAL: markcond truncated";
                    }
                }
                case CGROUP_COND -> {
                    minLen += 8;
                    if (len < minLen) {
                        return "EINVAL: cgroupcond truncated";
                    }
                }
                case AUTO, JMP, NOP -> { }
                default -> {
                    return "EINVAL: unknown op " + code;
                }
            }
            int yes = b.get(pos + 1) & 0xFF;
            int no = b.getShort(pos + 2) & 0xFFFF;
            if (code != NOP) {
                if (no < minLen || no > len + 4 || (no & 3) != 0) {
                    return "EINVAL: bad 'no' " + no + " at " + pos;
                }
                if (no < len && !validTarget(bc, len - no)) {
                    return "EINVAL: 'no' lands inside an op at " + pos;
                }
            }
            if (yes < minLen || yes > len + 4 || (yes & 3) != 0) {
                return "EINVAL: bad 'yes' " + yes + " at " + pos;
            }
            pos += yes;
            len -= yes;
        }
        return len == 0 ? null : "EINVAL: ops overrun the program";
    }

    /** {@code valid_cc}: walking from the start by 'yes' steps reaches exactly {@code remaining} bytes left. */
    private static boolean validTarget(byte[] bc, int remaining) {
        ByteBuffer b = view(bc);
        int len = bc.length;
        int pos = 0;
        while (len >= 0) {
            if (remaining > len) {
                return false;
            }
            if (remaining == len) {
                return true;
            }
            int yes = b.get(pos + 1) & 0xFF;
            if (yes < 4 || (yes & 3) != 0) {
                return false;
            }
            len -= yes;
            pos += yes;
        }
        return false;
    }
}
