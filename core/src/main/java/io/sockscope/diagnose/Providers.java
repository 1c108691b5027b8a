package io.sockscope.diagnose;

import io.sockscope.model.LimitsProvider;

import java.util.Objects;

/**
 * Everything the doctor reads the system through. The command line passes providers over the live system
 * ({@code io.sockscope.diagnose.system.SystemProviders}); tests pass their own.
 */
public record Providers(
        SocketProvider sockets,
        OwnerProvider owners,
        SysctlProvider sysctls,
        LimitsProvider limits,
        FirewallProvider firewall,
        InterfaceProvider interfaces,
        CounterProvider counters,
        FileProvider files,
        AccountProvider accounts,
        UnixConnectProbe unixConnect,
        NamespaceProvider namespaces) {
    public Providers {
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(owners, "owners");
        Objects.requireNonNull(sysctls, "sysctls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(firewall, "firewall");
        Objects.requireNonNull(interfaces, "interfaces");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(unixConnect, "unixConnect");
        Objects.requireNonNull(namespaces, "namespaces");
    }
}
