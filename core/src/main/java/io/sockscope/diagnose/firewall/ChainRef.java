package io.sockscope.diagnose.firewall;

/**
 * Names a chain: nftables family ({@code ip}, {@code ip6}, {@code inet}, {@code netdev}, …), table and chain.
 */
public record ChainRef(String family, String table, String name) {
    @Override
    public String toString() {
        return "table " + family + " " + table + " chain " + name;
    }
}
