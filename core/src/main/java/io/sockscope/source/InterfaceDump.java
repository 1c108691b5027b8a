package io.sockscope.source;

import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.model.InterfaceAddress;
import io.sockscope.model.InterfaceLink;
import io.sockscope.netlink.IfAddrMsg;
import io.sockscope.netlink.IfInfoMsg;

import java.util.ArrayList;
import java.util.List;

/**
 * The interfaces and addresses of the calling thread's network namespace, from rtnetlink ({@code RTM_GETLINK},
 * {@code RTM_GETADDR}). A thread that entered another namespace gets that namespace's, as with the socket dumps.
 */
public final class InterfaceDump {
    private static final int NETLINK_ROUTE = 0;

    private InterfaceDump() {
    }

    /** Every interface, in the kernel's order. */
    public static List<InterfaceLink> links() throws SourceException {
        return dump("rtnetlink link dump", IfInfoMsg.dumpRequest(1), IfInfoMsg.RTM_NEWLINK, IfInfoMsg::decode);
    }

    /** Every address of every interface, in the kernel's order. */
    public static List<InterfaceAddress> addresses() throws SourceException {
        return dump("rtnetlink address dump", IfAddrMsg.dumpRequest(1), IfAddrMsg.RTM_NEWADDR, IfAddrMsg::decode);
    }

    /** The decoded messages of {@code type} in the dump's reply; what decodes to null is left out. */
    private static <T> List<T> dump(String call, byte[] request, int type, PayloadDecoder<T> decoder)
            throws SourceException {
        List<T> out = new ArrayList<>();
        try (NetlinkChannel channel = NetlinkChannel.open(NETLINK_ROUTE)) {
            channel.dump(call, request, (t, flags, buffer, offset, length) -> {
                T value = t == type ? decoder.decode(buffer, offset, length) : null;
                if (value != null) {
                    out.add(value);
                }
            }, warning -> {
                // A skipped message costs one address at most; the rest of the dump is still good.
            });
        } catch (NetlinkException e) {
            throw new SourceException("cannot list interfaces: " + e.getMessage(), e);
        }
        return out;
    }

    /** A decoder of one message's payload where the dump received it ({@code IfInfoMsg::decode}, …). */
    @FunctionalInterface
    private interface PayloadDecoder<T> {
        /** The value the payload describes, or null when it describes none. */
        T decode(byte[] buffer, int offset, int length);
    }
}
