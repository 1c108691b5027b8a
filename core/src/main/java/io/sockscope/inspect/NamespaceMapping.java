package io.sockscope.inspect;

import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;

import java.util.function.Function;

/**
 * How the sockets of one network namespace of a run across namespaces ({@link QueryRunner#runAcross}) become the
 * caller's values. Asked once per namespace, when its turn comes, on a thread inside that namespace; the function
 * it returns is applied on that thread to that namespace's sockets alone, one after the other, and dropped when
 * they are over.
 *
 * @param <T> what a socket becomes
 */
@FunctionalInterface
public interface NamespaceMapping<T> {
    /**
     * @param netns     the namespace the sockets were read in
     * @param names     its names: interface indexes are the namespace's own, looked up from this thread
     * @param workloads what runs each socket's owner; may answer {@link Workload#NONE}
     * @return what each of its sockets becomes
     */
    Function<SocketRecord, T> inNamespace(Netns netns, EntryNames names,
                                          Function<? super SocketRecord, Workload> workloads);
}
