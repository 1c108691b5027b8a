package io.sockscope.diagnose;

import io.sockscope.model.Netns;
import io.sockscope.model.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Names another network namespace the way a person looks for it: {@code network namespace web-ns},
 * {@code network namespace pid:812 (container web, docker 3f2a1b2c3d4e)}, {@code network namespace pid:9 (pod
 * shop/cart, container cart)}.
 */
public final class NamespaceText {
    /** How much of a container id is shown, as {@code docker ps} shows it. */
    private static final int SHORT_ID = 12;

    private NamespaceText() {
    }

    /** The namespace by its label, with the workload in parentheses when one is known. */
    public static String of(Netns netns, Workload workload) {
        String workloadText = workload(workload);
        return "network namespace " + netns.label() + (workloadText.isEmpty() ? "" : " (" + workloadText + ")");
    }

    /** {@code pod shop/cart, container cart, unit cri-containerd-….scope}; empty when nothing is known. */
    public static String workload(Workload w) {
        List<String> parts = new ArrayList<>();
        if (w.pod() != null) {
            String ns = w.pod().namespace();
            String name = w.pod().name();
            parts.add("pod " + (name != null ? (ns != null ? ns + "/" : "") + name : "uid " + w.pod().uid()));
        }
        if (w.container() != null) {
            Workload.Container c = w.container();
            String id = c.id() == null ? "" : c.id().substring(0, Math.min(SHORT_ID, c.id().length()));
            parts.add("container " + (c.name() != null ? c.name() + ", " + c.runtime() + " " + id
                    : c.runtime() + " " + id));
        }
        if (w.unit() != null && w.container() == null && w.pod() == null) {
            // A container's or pod's unit is a scope named after it: the container already says more.
            parts.add("unit " + w.unit());
        }
        return String.join(", ", parts);
    }
}
