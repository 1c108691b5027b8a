/**
 * Providers for the doctor over the live system: sockets over sock_diag (with the {@code /proc/net}
 * fallback), owners from a {@code /proc} scan, sysctls, descriptor limits and counters from {@code /proc},
 * the firewall from {@code nft -j list ruleset}, interfaces from the JDK, accounts from {@code /etc/passwd}.
 * Everything reads the network namespace of the calling process. Nothing here prints.
 */
package io.sockscope.diagnose.system;
