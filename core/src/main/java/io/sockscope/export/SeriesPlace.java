package io.sockscope.export;

import io.sockscope.model.Netns;
import io.sockscope.model.Workload;

/**
 * Where the sockets of a series are, as labels, when every network namespace is read ({@code --all-netns}): the
 * namespace's label (its {@code ip netns} name, else {@code pid:N}, else {@code inode:N}), and what runs the
 * sockets' owner. Each value is empty when unknown; a snapshot of one namespace has {@link #NONE} everywhere and
 * writes none of these labels.
 *
 * @param netns     the namespace's label
 * @param container the container's name, else its id's first 12 hex digits (as {@code docker ps} shows it)
 * @param pod       the pod as {@code namespace/name}, else its uid
 * @param unit      the systemd unit
 */
public record SeriesPlace(String netns, String container, String pod, String unit) {
    /** Nowhere in particular: a snapshot of one namespace. */
    public static final SeriesPlace NONE = new SeriesPlace("", "", "", "");

    /** The place of a socket listed in {@code netns} whose owner runs in {@code workload}. */
    public static SeriesPlace of(Netns netns, Workload workload) {
        String container = "";
        String pod = "";
        String unit = "";
        if (workload != null) {
            if (workload.container() != null) {
                Workload.Container c = workload.container();
                container = c.name() != null ? c.name() : c.id().substring(0, Math.min(12, c.id().length()));
            }
            if (workload.pod() != null) {
                Workload.Pod p = workload.pod();
                pod = p.namespace() != null && p.name() != null ? p.namespace() + "/" + p.name() : p.uid();
            }
            if (workload.unit() != null) {
                unit = workload.unit();
            }
        }
        return new SeriesPlace(netns == null ? "" : netns.label(), container, pod, unit);
    }
}
