/**
 * The socket table over time: {@link io.sockscope.live.SocketTracker} compares dumps by the kernel's socket
 * cookie and tells what opened, changed state and closed, with each socket's age. What watches the table
 * (the command's {@code watch}, {@code leaks}, {@code top}) feeds it dumps from the query engine and destroy
 * events; this package does no I/O.
 */
package io.sockscope.live;
