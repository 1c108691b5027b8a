package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonValue;
import io.sockscope.model.IpProtocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Compares one known value with one element of a rule's right side. */
final class ElementTest {
    private ElementTest() {
    }

    static Tri test(FieldKind kind, Object value, JsonValue element) {
        Optional<JsonValue> range = element.member("range");
        if (range.isPresent()) {
            return inRange(kind, value, range.get().elements());
        }
        Optional<JsonValue> prefix = element.member("prefix");
        if (prefix.isPresent()) {
            return kind == FieldKind.ADDRESS ? inPrefix((InetAddress) value, prefix.get()) : Tri.UNKNOWN;
        }
        if (element instanceof JsonValue.JsonNumber number) {
            Optional<Long> n = number.integer();
            if (n.isEmpty()) {
                return Tri.UNKNOWN;
            }
            return switch (kind) {
                case PORT -> Tri.of(((Number) value).longValue() == n.get());
                case PROTOCOL -> Tri.of(protocolNumber((String) value) == n.get());
                default -> Tri.UNKNOWN;
            };
        }
        Optional<String> text = element.string();
        if (text.isEmpty()) {
            return Tri.UNKNOWN; // concatenations, expressions
        }
        String s = text.get();
        return switch (kind) {
            case PORT -> number(s).map(n -> Tri.of(((Number) value).longValue() == n)).orElse(Tri.UNKNOWN);
            case ADDRESS -> MatchEvaluator.address(s)
                    .map(a -> Tri.of(Arrays.equals(a.getAddress(), ((InetAddress) value).getAddress())))
                    .orElse(Tri.UNKNOWN);
            case INTERFACE -> interfaceName((String) value, s);
            case PROTOCOL -> number(s).map(n -> Tri.of(protocolNumber((String) value) == n))
                    .orElseGet(() -> Tri.of(s.equals(value)));
            case SYMBOL -> Tri.of(s.equals(value));
        };
    }

    /** Whether some client port in {@code [low, high]} (unknown which) is among the element's ports. */
    static Tri portRange(int low, int high, JsonValue element) {
        long a;
        long b;
        Optional<JsonValue> range = element.member("range");
        if (range.isPresent()) {
            List<JsonValue> ends = range.get().elements();
            Optional<Long> from = ends.isEmpty() ? Optional.empty() : portNumber(ends.get(0));
            Optional<Long> to = ends.size() < 2 ? Optional.empty() : portNumber(ends.get(1));
            if (from.isEmpty() || to.isEmpty()) {
                return Tri.UNKNOWN;
            }
            a = from.get();
            b = to.get();
        } else {
            Optional<Long> n = portNumber(element);
            if (n.isEmpty()) {
                return Tri.UNKNOWN;
            }
            a = n.get();
            b = a;
        }
        if (a <= low && b >= high) {
            return Tri.TRUE;
        }
        if (b < low || a > high) {
            return Tri.FALSE;
        }
        return Tri.UNKNOWN;
    }

    /** For a remote client's unknown address: loopback addresses and the other family certainly do not match. */
    static Tri remoteAddress(int ipVersion, JsonValue element) {
        Optional<JsonValue> prefix = element.member("prefix");
        Optional<JsonValue> range = element.member("range");
        List<String> literals;
        if (prefix.isPresent()) {
            Optional<String> addr = prefix.get().member("addr").flatMap(JsonValue::string);
            long len = prefix.get().member("len").flatMap(JsonValue::integer).orElse(-1L);
            if (addr.isEmpty() || len < 0) {
                return Tri.UNKNOWN;
            }
            Optional<InetAddress> a = MatchEvaluator.address(addr.get());
            if (a.isEmpty()) {
                return Tri.UNKNOWN;
            }
            if (version(a.get()) != ipVersion) {
                return Tri.FALSE;
            }
            boolean insideLoopback = ipVersion == 4 ? len >= 8 && a.get().isLoopbackAddress() : len == 128
                    && a.get().isLoopbackAddress();
            return insideLoopback ? Tri.FALSE : Tri.UNKNOWN;
        }
        if (range.isPresent()) {
            literals = range.get().elements().stream().flatMap(e -> e.string().stream()).toList();
        } else {
            literals = element.string().map(List::of).orElse(List.of());
        }
        if (literals.isEmpty()) {
            return Tri.UNKNOWN;
        }
        for (String literal : literals) {
            Optional<InetAddress> a = MatchEvaluator.address(literal);
            if (a.isEmpty()) {
                return Tri.UNKNOWN;
            }
            if (version(a.get()) == ipVersion && !a.get().isLoopbackAddress()) {
                return Tri.UNKNOWN;
            }
        }
        return Tri.FALSE;
    }

    private static Tri inRange(FieldKind kind, Object value, List<JsonValue> ends) {
        if (ends.size() != 2) {
            return Tri.UNKNOWN;
        }
        if (kind == FieldKind.PORT) {
            Optional<Long> a = portNumber(ends.get(0));
            Optional<Long> b = portNumber(ends.get(1));
            if (a.isEmpty() || b.isEmpty()) {
                return Tri.UNKNOWN;
            }
            long v = ((Number) value).longValue();
            return Tri.of(v >= a.get() && v <= b.get());
        }
        if (kind == FieldKind.ADDRESS) {
            Optional<InetAddress> a = ends.get(0).string().flatMap(MatchEvaluator::address);
            Optional<InetAddress> b = ends.get(1).string().flatMap(MatchEvaluator::address);
            if (a.isEmpty() || b.isEmpty()) {
                return Tri.UNKNOWN;
            }
            byte[] v = ((InetAddress) value).getAddress();
            byte[] lo = a.get().getAddress();
            byte[] hi = b.get().getAddress();
            if (v.length != lo.length || v.length != hi.length) {
                return Tri.FALSE;
            }
            return Tri.of(Arrays.compareUnsigned(v, lo) >= 0 && Arrays.compareUnsigned(v, hi) <= 0);
        }
        return Tri.UNKNOWN;
    }

    private static Tri inPrefix(InetAddress value, JsonValue prefix) {
        Optional<InetAddress> addr = prefix.member("addr").flatMap(JsonValue::string).flatMap(MatchEvaluator::address);
        Optional<Long> len = prefix.member("len").flatMap(JsonValue::integer);
        if (addr.isEmpty() || len.isEmpty()) {
            return Tri.UNKNOWN;
        }
        byte[] v = value.getAddress();
        byte[] p = addr.get().getAddress();
        if (v.length != p.length) {
            return Tri.FALSE;
        }
        long bits = len.get();
        if (bits < 0 || bits > v.length * 8L) {
            return Tri.UNKNOWN;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((v[i / 8] & mask) != (p[i / 8] & mask)) {
                return Tri.FALSE;
            }
        }
        return Tri.TRUE;
    }

    /** nft's interface-name match: exact, or a prefix when the pattern ends in an unescaped {@code *}. */
    private static Tri interfaceName(String name, String pattern) {
        if (pattern.endsWith("*") && !pattern.endsWith("\\*")) {
            return Tri.of(name.startsWith(pattern.substring(0, pattern.length() - 1)));
        }
        return Tri.of(name.equals(pattern.replace("\\*", "*")));
    }

    private static Optional<Long> portNumber(JsonValue v) {
        return v.integer().or(() -> v.string().flatMap(ElementTest::number));
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long protocolNumber(String transport) {
        return transport.equals("tcp") ? IpProtocol.IPPROTO_TCP : IpProtocol.IPPROTO_UDP;
    }

    private static int version(InetAddress a) {
        return a instanceof Inet4Address ? 4 : 6;
    }
}
