package io.sockscope.diagnose.system;

import io.sockscope.diagnose.InterfaceProvider;
import io.sockscope.diagnose.LocalAddress;
import io.sockscope.diagnose.ProviderException;
import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.model.InterfaceAddress;
import io.sockscope.model.InterfaceLink;
import io.sockscope.netlink.IfAddrMsg;
import io.sockscope.netlink.IfInfoMsg;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Interfaces and addresses of the calling thread's network namespace, from rtnetlink ({@code RTM_GETLINK},
 * {@code RTM_GETADDR}). Not {@link java.net.NetworkInterface}: the JDK reads IPv6 addresses from
 * {@code /proc/net/if_inet6}, which is the first thread's namespace, so a thread that entered another one
 * ({@code doctor -N}) would get a mixture of both, or an error.
 */
public final class NetlinkInterfaces implements InterfaceProvider {
    private static final int NETLINK_ROUTE = 0;

    @Override
    public List<LocalAddress> addresses() throws ProviderException {
        Map<Integer, InterfaceLink> links = links();
        List<LocalAddress> out = new ArrayList<>();
        for (InterfaceAddress a : dump("rtnetlink address dump", IfAddrMsg.dumpRequest(1), IfAddrMsg.RTM_NEWADDR,
                IfAddrMsg::decode)) {
            InterfaceLink link = links.get(a.index());
            if (link == null || !link.up()) {
                continue;
            }
            try {
                out.add(new LocalAddress(link.name(), InetAddress.getByAddress(a.address()), a.prefixLength()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 or 16 bytes make an address", e);
            }
        }
        return out;
    }

    @Override
    public Map<Integer, String> names() throws ProviderException {
        Map<Integer, String> out = new LinkedHashMap<>();
        links().forEach((index, link) -> out.put(index, link.name()));
        return out;
    }

    private Map<Integer, InterfaceLink> links() throws ProviderException {
        Map<Integer, InterfaceLink> out = new LinkedHashMap<>();
        for (InterfaceLink l : dump("rtnetlink link dump", IfInfoMsg.dumpRequest(1), IfInfoMsg.RTM_NEWLINK,
                IfInfoMsg::decode)) {
            out.put(l.index(), l);
        }
        return out;
    }

    /** The decoded messages of {@code type} in the dump's reply; what decodes to null is left out. */
    private static <T> List<T> dump(String call, byte[] request, int type, Function<MemorySegment, T> decoder)
            throws ProviderException {
        List<T> out = new ArrayList<>();
        try (NetlinkChannel channel = NetlinkChannel.open(NETLINK_ROUTE)) {
            channel.dump(call, request, (t, flags, payload) -> {
                T value = t == type ? decoder.apply(payload) : null;
                if (value != null) {
                    out.add(value);
                }
            }, warning -> {
                // A skipped message costs one address at most; the rest of the dump is still good.
            });
        } catch (NetlinkException e) {
            throw new ProviderException("cannot list interfaces: " + e.getMessage(), e);
        }
        return out;
    }
}
