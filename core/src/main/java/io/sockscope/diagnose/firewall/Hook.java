package io.sockscope.diagnose.firewall;

/** The netfilter hooks a base chain can attach to, in the order a packet for this host meets them. */
public enum Hook {
    /** Locally generated packets first pass output and postrouting (the client is on this host). */
    OUTPUT("output"),
    POSTROUTING("postrouting"),
    INGRESS("ingress"),
    PREROUTING("prerouting"),
    INPUT("input"),
    FORWARD("forward"),
    /** A hook this reader does not know. */
    OTHER("?");

    private final String nftName;

    Hook(String nftName) {
        this.nftName = nftName;
    }

    /** The name nft prints. */
    public String nftName() {
        return nftName;
    }

    /** The hook nft calls {@code name}; {@link #OTHER} when unknown. */
    public static Hook of(String name) {
        for (Hook h : values()) {
            if (h.nftName.equals(name)) {
                return h;
            }
        }
        return OTHER;
    }
}
