package io.sockscope.diagnose;

/**
 * The network namespaces besides the examined one: their addresses and listening sockets, so that the doctor can
 * say that a port it finds nobody listening on here listens in a container, and follow a destination NAT rule to
 * the namespace whose address it names. Asked at most once per diagnosis, and only when the doctor needs to look
 * past its own namespace: reading every namespace costs a thread and a dump per namespace.
 */
public interface NamespaceProvider {
    /**
     * Every other network namespace that can be read, with its interface addresses and its listening sockets of
     * {@code transport} (TCP listeners, or UDP sockets bound and not connected), their owners and workloads.
     *
     * @throws ProviderException when the namespaces cannot be listed at all
     */
    OtherNamespaces others(Transport transport) throws ProviderException;
}
