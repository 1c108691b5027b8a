package io.sockscope.filter;

import io.sockscope.model.AddressFamily;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Address text as iproute2 reads it ({@code get_prefix_1}, {@code get_addr_1}, {@code get_netmask}).
 * Its IPv4 reading is the legacy one: {@code 10.8} is 10.8.0.0, parts may be hex or octal, and a single
 * number such as {@code 22} is 22.0.0.0. IPv6 follows glibc's {@code inet_pton}.
 */
final class InetText {
    private InetText() {
    }

    /**
     * {@code get_prefix_1(addr, family)}: an address with an optional {@code /len} (a number or a dotted
     * netmask), in the given family or any when {@code family} is {@link AddressFamily#UNSPEC}.
     */
    static Optional<AddressPrefix> parsePrefix(String text, int family) {
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        Optional<Parsed> parsed = parseAddress(addressPart, family);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Parsed p = parsed.get();
        int maxBits = switch (p.family) {
            case AddressFamily.INET6 -> 128;
            case AddressFamily.INET -> 32;
            default -> 0;
        };
        int bits = maxBits;
        if (slash >= 0) {
            if (p.wordOnly) {
                return Optional.empty();
            }
            OptionalLong len = netmask(text.substring(slash + 1));
            if (len.isEmpty() || len.getAsLong() > maxBits) {
                return Optional.empty();
            }
            bits = (int) len.getAsLong();
        } else if (p.wordOnly) {
            bits = 0;
        }
        return Optional.of(new AddressPrefix(p.family, bits, p.bytes));
    }

    /** An address; {@code wordOnly} marks any/all/default, which have no bytes. */
    private record Parsed(int family, byte[] bytes, boolean wordOnly) {
    }

    private static Optional<Parsed> parseAddress(String name, int family) {
        if (name.equals("default") || name.equals("all") || name.equals("any")) {
            return Optional.of(new Parsed(family, new byte[0], true));
        }
        if (name.indexOf(':') >= 0) {
            if (family != AddressFamily.UNSPEC && family != AddressFamily.INET6) {
                return Optional.empty();
            }
            return parseIpv6(name).map(b -> new Parsed(AddressFamily.INET6, b, false));
        }
        if (family != AddressFamily.UNSPEC && family != AddressFamily.INET) {
            return Optional.empty();
        }
        return parseLegacyIpv4(name).map(b -> new Parsed(AddressFamily.INET, b, false));
    }

    /** {@code get_netmask}: a number (cut to 32 bits) or a dotted-quad netmask of contiguous ones. */
    private static OptionalLong netmask(String text) {
        OptionalLong n = CNumbers.getUnsignedTruncated(text);
        if (n.isPresent()) {
            return n;
        }
        Optional<Parsed> mask = parseAddress(text, AddressFamily.INET);
        if (mask.isEmpty() || mask.get().family != AddressFamily.INET) {
            return OptionalLong.empty();
        }
        byte[] b = mask.get().bytes;
        long word = b.length == 0 ? 0
                : ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        long host = ~word & 0xFFFF_FFFFL;
        if ((host & (host + 1)) != 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.bitCount(word));
    }

    /** iproute2's {@code get_addr_ipv4}: up to four {@code strtoul} parts (base 0) of at most 255. */
    static Optional<byte[]> parseLegacyIpv4(String text) {
        byte[] out = new byte[4];
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            CNumbers.Conversion c = CNumbers.strtoul(text, pos, 0);
            if (c.consumedNothing(pos) || Long.compareUnsigned(c.value(), 255) > 0) {
                return Optional.empty();
            }
            out[i] = (byte) c.value();
            if (c.end() == text.length()) {
                return Optional.of(out);
            }
            if (i == 3 || text.charAt(c.end()) != '.') {
                return Optional.empty();
            }
            pos = c.end() + 1;
        }
        return Optional.empty();
    }

    /** glibc's {@code inet_pton(AF_INET6)}. */
    static Optional<byte[]> parseIpv6(String src) {
        byte[] out = new byte[16];
        int n = src.length();
        int i = 0;
        if (n == 0) {
            return Optional.empty();
        }
        if (src.charAt(0) == ':') {
            i++;
            if (i == n || src.charAt(i) != ':') {
                return Optional.empty();
            }
        }
        int tp = 0;
        int colonAt = -1;
        int tokenStart = i;
        int digitsSeen = 0;
        int value = 0;
        while (i < n) {
            char ch = src.charAt(i++);
            int digit = Character.digit(ch, 16);
            if (digit >= 0 && ch < 128) {
                if (digitsSeen == 4) {
                    return Optional.empty();
                }
                value = (value << 4) | digit;
                digitsSeen++;
                continue;
            }
            if (ch == ':') {
                tokenStart = i;
                if (digitsSeen == 0) {
                    if (colonAt >= 0) {
                        return Optional.empty();
                    }
                    colonAt = tp;
                    continue;
                } else if (i == n) {
                    return Optional.empty();
                }
                if (tp + 2 > 16) {
                    return Optional.empty();
                }
                out[tp++] = (byte) (value >> 8);
                out[tp++] = (byte) value;
                digitsSeen = 0;
                value = 0;
                continue;
            }
            if (ch == '.' && tp + 4 <= 16) {
                Optional<byte[]> v4 = parseStrictIpv4(src.substring(tokenStart));
                if (v4.isPresent()) {
                    System.arraycopy(v4.get(), 0, out, tp, 4);
                    tp += 4;
                    digitsSeen = 0;
                    break;
                }
            }
            return Optional.empty();
        }
        if (digitsSeen > 0) {
            if (tp + 2 > 16) {
                return Optional.empty();
            }
            out[tp++] = (byte) (value >> 8);
            out[tp++] = (byte) value;
        }
        if (colonAt >= 0) {
            if (tp == 16) {
                return Optional.empty();
            }
            int moved = tp - colonAt;
            System.arraycopy(out, colonAt, out, 16 - moved, moved);
            for (int k = colonAt; k < 16 - moved; k++) {
                out[k] = 0;
            }
            tp = 16;
        }
        return tp == 16 ? Optional.of(out) : Optional.empty();
    }

    /** glibc's {@code inet_pton(AF_INET)}: exactly four decimal parts, no leading zeros. */
    static Optional<byte[]> parseStrictIpv4(String src) {
        byte[] out = new byte[4];
        int octets = 0;
        int tp = 0;
        boolean sawDigit = false;
        for (int i = 0; i < src.length(); i++) {
            char ch = src.charAt(i);
            if (ch >= '0' && ch <= '9') {
                int next = (out[tp] & 0xFF) * 10 + (ch - '0');
                if (sawDigit && out[tp] == 0) {
                    return Optional.empty();
                }
                if (next > 255) {
                    return Optional.empty();
                }
                out[tp] = (byte) next;
                if (!sawDigit) {
                    if (++octets > 4) {
                        return Optional.empty();
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return Optional.empty();
                }
                out[++tp] = 0;
                sawDigit = false;
            } else {
                return Optional.empty();
            }
        }
        return octets < 4 ? Optional.empty() : Optional.of(out);
    }
}
