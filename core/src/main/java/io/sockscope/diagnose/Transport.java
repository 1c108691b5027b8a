package io.sockscope.diagnose;

/** The transport a client uses to reach a port. */
public enum Transport {
    TCP("tcp"),
    UDP("udp");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** {@code tcp} or {@code udp}, as ss and nft write it. */
    public String label() {
        return label;
    }

    /** The other one. */
    public Transport other() {
        return this == TCP ? UDP : TCP;
    }
}
