package io.sockscope.diagnose.system;

import io.sockscope.diagnose.InterfaceProvider;
import io.sockscope.diagnose.LocalAddress;
import io.sockscope.diagnose.ProviderException;

import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Interfaces and addresses of the calling thread's network namespace, through {@link NetworkInterface}. */
public final class JdkInterfaces implements InterfaceProvider {
    @Override
    public List<LocalAddress> addresses() throws ProviderException {
        List<LocalAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    out.add(new LocalAddress(nic.getName(), a.getAddress(), a.getNetworkPrefixLength()));
                }
            }
        } catch (SocketException e) {
            throw new ProviderException("cannot list interfaces: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Map<Integer, String> names() throws ProviderException {
        Map<Integer, String> out = new LinkedHashMap<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                out.put(nic.getIndex(), nic.getName());
            }
        } catch (SocketException e) {
            throw new ProviderException("cannot list interfaces: " + e.getMessage(), e);
        }
        return out;
    }
}
