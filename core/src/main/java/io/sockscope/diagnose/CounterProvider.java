package io.sockscope.diagnose;

import java.util.Map;

/** Kernel network counters of the examined namespace ({@code /proc/net/netstat}). */
@FunctionalInterface
public interface CounterProvider {
    /** The {@code TcpExt} counters by name ({@code ListenOverflows}, {@code ListenDrops}, …). */
    Map<String, Long> tcpExtended() throws ProviderException;
}
