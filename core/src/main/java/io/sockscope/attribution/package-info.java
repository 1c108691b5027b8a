/**
 * Which container, Kubernetes pod or systemd unit owns a socket or a process, without BPF: the cgroup the kernel
 * names for it, the layout the runtimes and the kubelet give their cgroups ({@link
 * io.sockscope.attribution.CgroupLayout}, a pure function of the path), and the names their files on disk hold
 * ({@link io.sockscope.attribution.RuntimeMetadata}, under a root prefix). {@link
 * io.sockscope.attribution.WorkloadResolver} is the one entry point; what it finds is a {@link
 * io.sockscope.model.Workload}. {@link io.sockscope.attribution.SocketWorkloads} is the rule a listing across
 * namespaces applies to each socket, the command's and the library's alike.
 *
 * <p>The package reads files (the cgroup2 hierarchy, {@code /proc/PID/cgroup}, the runtimes' state, whose JSON
 * {@code json} reads) and uses {@code model}, {@code names} and {@code json} alone: it sends nothing to the kernel,
 * decodes no netlink message and prints nothing, so the engine, the doctor and the command may all use it.
 */
package io.sockscope.attribution;
