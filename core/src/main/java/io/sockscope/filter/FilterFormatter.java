package io.sockscope.filter;

import io.sockscope.model.AddressFamily;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Renders a filter tree as a compact prefix expression: {@code (and A B)}, {@code (or A B)}, {@code (not A)},
 * {@code (src SPEC)}, {@code (dst SPEC)}, {@code (sport>= SPEC)}, {@code (dport<= SPEC)}, {@code autobound},
 * {@code (dev N)}, {@code (fwmark 0xV/0xM)}, {@code (cgroup N)}. Host specs print as
 * {@code ADDR/BITS,ADDR/BITS:PORT} with {@code *} for no address and no port, or as {@code unix:GLOB},
 * {@code link:PROTO:PORT}, {@code netlink:PROTO:PORT}, {@code vsock:CID:PORT}.
 * Iterative, so arbitrarily deep trees render without recursion.
 */
final class FilterFormatter {
    private FilterFormatter() {
    }

    static String format(Filter root) {
        StringBuilder out = new StringBuilder();
        Deque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object item = work.pop();
            if (item instanceof String s) {
                out.append(s);
                continue;
            }
            switch ((Filter) item) {
                case Filter.And a -> pushAll(work, "(and ", a.left(), " ", a.right(), ")");
                case Filter.Or o -> pushAll(work, "(or ", o.left(), " ", o.right(), ")");
                case Filter.Not n -> pushAll(work, "(not ", n.operand(), ")");
                case Filter.Host h -> out.append('(').append(h.side() == Filter.Side.LOCAL ? "src " : "dst ")
                        .append(spec(h.spec())).append(')');
                case Filter.PortAtLeast p -> out.append('(').append(p.side() == Filter.Side.LOCAL ? "sport" : "dport")
                        .append(">= ").append(spec(p.bound())).append(')');
                case Filter.PortAtMost p -> out.append('(').append(p.side() == Filter.Side.LOCAL ? "sport" : "dport")
                        .append("<= ").append(spec(p.bound())).append(')');
                case Filter.Autobound a -> out.append("autobound");
                case Filter.Device d -> out.append("(dev ").append(Integer.toUnsignedString(d.ifindex())).append(')');
                case Filter.Mark m -> out.append("(fwmark 0x").append(Integer.toHexString(m.value()))
                        .append("/0x").append(Integer.toHexString(m.mask())).append(')');
                case Filter.Cgroup c -> out.append("(cgroup ").append(Long.toUnsignedString(c.id())).append(')');
            }
        }
        return out.toString();
    }

    private static void pushAll(Deque<Object> work, Object... items) {
        for (int i = items.length - 1; i >= 0; i--) {
            work.push(items[i]);
        }
    }

    static String spec(HostSpec spec) {
        return switch (spec) {
            case HostSpec.UnixGlob u -> "unix:" + u.pattern();
            case HostSpec.LinkHost l -> "link:" + opt(l.protocol()) + ":" + opt(l.port());
            case HostSpec.NetlinkHost n -> "netlink:" + opt(n.protocol()) + ":" + opt(n.port());
            case HostSpec.VsockHost v -> "vsock:" + (v.cid() == 0xFFFF_FFFFL ? "*" : Long.toString(v.cid()))
                    + ":" + opt(v.port());
            case HostSpec.InetHost i -> {
                StringBuilder b = new StringBuilder();
                if (i.addresses().isEmpty()) {
                    b.append('*');
                }
                for (int k = 0; k < i.addresses().size(); k++) {
                    if (k > 0) {
                        b.append(',');
                    }
                    b.append(prefix(i.addresses().get(k)));
                }
                yield b.append(':').append(opt(i.port())).toString();
            }
        };
    }

    private static String opt(int value) {
        return value == -1 ? "*" : Integer.toString(value);
    }

    private static String prefix(AddressPrefix p) {
        byte[] a = p.addressBytes();
        String text;
        if (a.length == 4) {
            text = (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
        } else if (a.length == 16) {
            StringBuilder b = new StringBuilder("[");
            for (int k = 0; k < 16; k += 2) {
                if (k > 0) {
                    b.append(':');
                }
                b.append(Integer.toHexString(((a[k] & 0xFF) << 8) | (a[k + 1] & 0xFF)));
            }
            text = b.append(']').toString();
        } else {
            text = p.family() == AddressFamily.UNSPEC ? "any" : "any(" + p.family() + ")";
        }
        if (a.length != 0 && p.family() != (a.length == 4 ? AddressFamily.INET : AddressFamily.INET6)) {
            text += "(family " + p.family() + ", " + HexFormat.of().formatHex(a) + ")";
        }
        return text + "/" + p.bits();
    }
}
