package io.sockscope.api.internal;

import io.sockscope.api.Container;
import io.sockscope.api.NetworkNamespace;
import io.sockscope.api.Pod;
import io.sockscope.model.Netns;
import io.sockscope.model.Workload;

/**
 * The four values an entry carries beside its socket: the namespace it was listed in, and the library's
 * {@link Container}, {@link Pod} and unit name for what runs its owner. Immutable; shared by every entry of one
 * namespace with one workload. Public for the command's JSON, which writes these four members from it for a
 * socket's entry and for the doctor's evidence about another namespace alike.
 */
public record NamespaceWorkload(NetworkNamespace namespace, Container container, Pod pod, String unit) {
    /** What every entry of a listing of one namespace carries: nothing. */
    static final NamespaceWorkload NONE = new NamespaceWorkload(null, null, null, null);

    /** What {@code workload} running in {@code netns} is as the library's values. */
    public static NamespaceWorkload of(Netns netns, Workload workload) {
        ApiValues values = ApiValues.get();
        return of(values.networkNamespace(netns.inode(), netns.name(), netns.pidsSample()), workload, values);
    }

    /** A workload's values in {@code namespace}; a part of the workload that is null is null here. */
    static NamespaceWorkload of(NetworkNamespace namespace, Workload workload, ApiValues values) {
        Workload.Container c = workload.container();
        Workload.Pod p = workload.pod();
        return new NamespaceWorkload(namespace, c == null ? null : values.container(c.runtime(), c.id(), c.name()),
                p == null ? null : values.pod(p.namespace(), p.name(), p.uid()), workload.unit());
    }
}
