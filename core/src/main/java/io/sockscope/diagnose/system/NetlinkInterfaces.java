package io.sockscope.diagnose.system;

import io.sockscope.diagnose.InterfaceProvider;
import io.sockscope.diagnose.LocalAddress;
import io.sockscope.diagnose.ProviderException;
import io.sockscope.model.InterfaceAddress;
import io.sockscope.model.InterfaceLink;
import io.sockscope.source.InterfaceDump;
import io.sockscope.source.SourceException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interfaces and addresses of the calling thread's network namespace, from rtnetlink ({@link InterfaceDump}).
 * Not {@link java.net.NetworkInterface}: the JDK reads IPv6 addresses from {@code /proc/net/if_inet6}, which is
 * the first thread's namespace, so a thread that entered another one ({@code doctor -N}) would get a mixture of
 * both, or an error.
 */
public final class NetlinkInterfaces implements InterfaceProvider {
    @Override
    public List<LocalAddress> addresses() throws ProviderException {
        Map<Integer, InterfaceLink> links = links();
        List<LocalAddress> out = new ArrayList<>();
        for (InterfaceAddress a : addressDump()) {
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
        try {
            for (InterfaceLink l : InterfaceDump.links()) {
                out.put(l.index(), l);
            }
        } catch (SourceException e) {
            throw new ProviderException(e.getMessage(), e);
        }
        return out;
    }

    private static List<InterfaceAddress> addressDump() throws ProviderException {
        try {
            return InterfaceDump.addresses();
        } catch (SourceException e) {
            throw new ProviderException(e.getMessage(), e);
        }
    }
}
