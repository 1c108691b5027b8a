/**
 * The immutable values every layer shares: sockets and their endpoints, what the kernel's attributes say, typed
 * ({@link io.sockscope.model.InetDetails}, {@link io.sockscope.model.TcpInfo}, …), the counters behind
 * {@code ss -s} ({@link io.sockscope.model.SocketSummary}), complete once decoded. This package depends on
 * nothing of ours, and every other package may use it.
 *
 * <p>{@link io.sockscope.model.WarningSink}, the one interface here that is not a value, lives in this package
 * for that reason: sources, the owner scan, the engine and the doctor all report skipped data to the same sink
 * that the caller hands down, and the only package all of them may name without a cycle, and without one layer
 * borrowing from a sibling (owners from sources), is the one that depends on nothing. It holds no state, so it
 * keeps the package's promise that nothing in it changes.
 */
package io.sockscope.model;
