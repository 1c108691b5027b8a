/**
 * The netlink and sock_diag wire format, with no I/O: message framing ({@link io.sockscope.netlink.MessageCursor},
 * {@link io.sockscope.netlink.NetlinkHeader}), attribute walking ({@link io.sockscope.netlink.AttributeCursor}),
 * error and done decoding ({@link io.sockscope.netlink.NetlinkError}), and one class per kernel struct, each with
 * its {@code layout()}, named offsets and the C declaration in its Javadoc: requests are encoded to byte arrays,
 * replies (sock_diag's, rtnetlink's, errors) decoded from the heap array a datagram was received into, through
 * one reader ({@link io.sockscope.netlink.AttributeCursor}), into complete {@code io.sockscope.model} records: every
 * attribute a consumer shows is decoded here, once, as the request asked for it
 * ({@link io.sockscope.netlink.InetDiagDetails}), so that no consumer reads the reply's bytes again. The heap
 * paths touch no foreign-memory class (every layout is built on first use), so that a listing in a fresh JVM
 * does not pay for that API's start-up.
 *
 * <p>Decoders read the array in place and accept any bytes: they return a record or throw
 * {@link io.sockscope.netlink.MalformedMessageException}. A damaged attribute area keeps the attributes before
 * the damage and is reported through the caller's warning consumer.
 */
package io.sockscope.netlink;
