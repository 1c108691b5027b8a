package io.sockscope.model;

/**
 * A network interface as rtnetlink lists it ({@code RTM_NEWLINK}).
 *
 * @param index its index ({@code ifi_index})
 * @param name  its name ({@code IFLA_IFNAME}), or {@code if} and the index when the kernel sent none
 * @param up    whether {@code IFF_UP} is set
 */
public record InterfaceLink(int index, String name, boolean up) {
}
