package io.sockscope.diagnose;

import java.util.List;
import java.util.Map;

/** The interfaces and addresses of the examined network namespace. */
public interface InterfaceProvider {
    /** Every address on every interface that is up. */
    List<LocalAddress> addresses() throws ProviderException;

    /** Interface names by index, for sockets bound to a device. */
    Map<Integer, String> names() throws ProviderException;
}
