package io.sockscope.names;

/**
 * Numeric IPv4/IPv6 text exactly as the C library's {@code inet_ntop} writes it (which is what ss prints):
 * IPv6 in lower-case hex groups without leading zeros, the first longest run of two or more zero groups
 * compressed to "::", and IPv4-mapped ({@code ::ffff:a.b.c.d}) and IPv4-compatible ({@code ::a.b.c.d})
 * addresses ending in dotted quad. An address's number is its name when it has no other (or none is asked
 * for): the listing prints it and the library's entries carry it.
 */
public final class AddressText {
    private AddressText() {
    }

    /** The address as text (4 or 16 bytes). */
    public static String text(byte[] address) {
        byte[] out = new byte[46];
        int n = format(address, out);
        return new String(out, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes the address into {@code out} from index 0 and returns the length (at most 46). */
    public static int format(byte[] address, byte[] out) {
        return address.length == 4 ? ipv4(address, 0, out, 0) : ipv6(address, out);
    }

    private static int ipv4(byte[] a, int from, byte[] out, int pos) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out[pos++] = '.';
            }
            pos = decimal(a[from + i] & 0xff, out, pos);
        }
        return pos;
    }

    private static int ipv6(byte[] a, byte[] out) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        int pos = 0;
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out[pos++] = ':';
                }
                continue;
            }
            if (i != 0) {
                out[pos++] = ':';
            }
            boolean embeddedIpv4 = i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff));
            if (embeddedIpv4) {
                return ipv4(a, 12, out, pos);
            }
            pos = hex(words[i], out, pos);
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            out[pos++] = ':';
        }
        return pos;
    }

    private static int decimal(int v, byte[] out, int pos) {
        if (v >= 100) {
            out[pos++] = (byte) ('0' + v / 100);
        }
        if (v >= 10) {
            out[pos++] = (byte) ('0' + (v / 10) % 10);
        }
        out[pos++] = (byte) ('0' + v % 10);
        return pos;
    }

    private static int hex(int v, byte[] out, int pos) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (v >> shift) & 0xf;
            if (d != 0 || started || shift == 0) {
                out[pos++] = (byte) (d < 10 ? '0' + d : 'a' + d - 10);
                started = true;
            }
        }
        return pos;
    }
}
