package io.sockscope.model;

/** The Linux address family numbers sockscope deals in ({@code AF_*} from {@code <sys/socket.h>}). */
public final class AddressFamily {
    public static final int UNSPEC = 0;
    public static final int UNIX = 1;
    public static final int INET = 2;
    public static final int INET6 = 10;
    public static final int NETLINK = 16;
    public static final int PACKET = 17;
    public static final int TIPC = 30;
    public static final int VSOCK = 40;
    public static final int XDP = 44;

    private AddressFamily() {
    }

    /** The family's bit in a 64-bit family mask, as ss keeps it. */
    public static long mask(int family) {
        return 1L << family;
    }
}
