/**
 * Providers for the doctor over the live system: sockets over sock_diag (with the {@code /proc/net}
 * fallback), owners from a {@code /proc} scan, sysctls, descriptor limits and counters from {@code /proc},
 * the firewall from {@code nft -j list ruleset}, interfaces over rtnetlink, accounts from {@code /etc/passwd}.
 * Everything reads the network namespace of the calling thread, but
 * {@link io.sockscope.diagnose.system.LiveNamespaces}, which reads the host's other network namespaces through the
 * query engine, each on a thread inside it. Nothing here prints.
 */
package io.sockscope.diagnose.system;
