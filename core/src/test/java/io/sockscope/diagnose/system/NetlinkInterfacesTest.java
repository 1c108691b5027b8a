package io.sockscope.diagnose.system;

import io.sockscope.diagnose.LocalAddress;
import org.junit.jupiter.api.Test;

import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On this host, in the process's own network namespace (where the JDK's view is right), rtnetlink lists the
 * same addresses as {@link NetworkInterface}, and every interface it names.
 */
class NetlinkInterfacesTest {
    @Test
    void sameAddressesAndNamesAsTheJdk() throws Exception {
        Set<String> jdk = new HashSet<>();
        Map<Integer, String> jdkNames = new java.util.HashMap<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            jdkNames.put(nic.getIndex(), nic.getName());
            if (nic.isUp()) {
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    jdk.add(nic.getName() + " " + a.getAddress().getHostAddress().replaceFirst("%.*", "") + "/"
                            + a.getNetworkPrefixLength());
                }
            }
        }
        NetlinkInterfaces netlink = new NetlinkInterfaces();
        List<String> ours = new ArrayList<>();
        for (LocalAddress a : netlink.addresses()) {
            ours.add(a.interfaceName() + " " + a.address().getHostAddress() + "/" + a.prefixLength());
        }
        assertTrue(ours.contains("lo 127.0.0.1/8"), ours.toString());
        assertEquals(jdk, new HashSet<>(ours));
        // The JDK lists only interfaces with an address; a socket may be bound to any of them.
        Map<Integer, String> names = netlink.names();
        jdkNames.forEach((index, name) -> assertEquals(name, names.get(index), "interface " + index));
    }
}
