package io.sockscope.query;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.Netns;

/**
 * A {@link NamespaceSink} that is told in a sentence why a namespace could not be entered, for callers kept
 * apart from the native layer (the doctor's providers may not use {@code kernel}): the failure's type stays here.
 */
public abstract class DescribedNamespaceSink implements NamespaceSink {
    @Override
    public final void notEntered(Netns netns, NetworkNamespace.EnterException failure) {
        notEntered(netns, failure.getMessage());
    }

    /**
     * The namespace could not be entered.
     *
     * @param why what failed, as the kernel said it: {@code setns /proc/812/ns/net: EPERM}
     */
    protected abstract void notEntered(Netns netns, String why);
}
