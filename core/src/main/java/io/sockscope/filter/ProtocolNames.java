package io.sockscope.filter;

import io.sockscope.names.LinkProtocolNames;

import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The protocol names a {@code link:} or {@code netlink:} host condition may use: iproute2's ethertype table
 * ({@code ll_proto_a2n}) and netlink protocol table ({@code nl_proto_a2n}), the tables the listing prints
 * names from ({@link LinkProtocolNames}, {@link io.sockscope.names.NetlinkProtocolNames}).
 */
final class ProtocolNames {
    private ProtocolNames() {
    }

    /** {@code ll_proto_a2n}: a name from the table (any case) or a number up to 0xffff. */
    static OptionalInt linkProtocol(String text) {
        OptionalInt known = LinkProtocolNames.number(text);
        if (known.isPresent()) {
            return known;
        }
        OptionalLong n = CNumbers.getU16(text);
        return n.isPresent() ? OptionalInt.of((int) n.getAsLong()) : OptionalInt.empty();
    }

    /** {@code nl_proto_a2n}: an exact name from {@code names} (lowest id first) or a number up to 255. */
    static OptionalInt netlinkProtocol(String text, Map<Integer, String> names) {
        for (int id = 0; id < 256; id++) {
            if (text.equals(names.get(id))) {
                return OptionalInt.of(id);
            }
        }
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        CNumbers.Conversion c = CNumbers.strtoul(text, 0, 0);
        if (c.consumedNothing(0) || c.end() != text.length() || Long.compareUnsigned(c.value(), 255) > 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) c.value());
    }
}
