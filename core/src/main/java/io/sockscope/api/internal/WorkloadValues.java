package io.sockscope.api.internal;

import io.sockscope.api.Container;
import io.sockscope.api.Pod;
import io.sockscope.model.Workload;

/**
 * A model {@link Workload} as the three values an entry carries: the library's {@link Container} and {@link Pod},
 * and the unit's name. Each part is null where the workload's is.
 */
record WorkloadValues(Container container, Pod pod, String unit) {
    /** Nothing known: what every entry of a listing that does not look for workloads carries. */
    static final WorkloadValues NONE = new WorkloadValues(null, null, null);

    static WorkloadValues of(Workload workload, ApiValues values) {
        if (workload == null || workload.isEmpty()) {
            return NONE;
        }
        Workload.Container c = workload.container();
        Workload.Pod p = workload.pod();
        return new WorkloadValues(c == null ? null : values.container(c.runtime(), c.id(), c.name()),
                p == null ? null : values.pod(p.namespace(), p.name(), p.uid()), workload.unit());
    }
}
