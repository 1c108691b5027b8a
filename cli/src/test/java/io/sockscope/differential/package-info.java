/**
 * Differential tests against iproute2 {@code ss}: the bar for ss compatibility.
 *
 * <p>A socket zoo ({@code src/test/resources/zoo/socket_zoo.py}, python3 standard library only) runs in a
 * fresh network namespace joined by a veth pair to a second one, holding sockets in every state: TCP
 * LISTEN on every kind of address, ESTAB with queued bytes both ways, a listen queue, TIME-WAIT, CLOSE-WAIT,
 * FIN-WAIT-2, SYN-SENT; UDP bound, connected and queued; unix stream/dgram/seqpacket with path, abstract and
 * unnamed addresses; raw, packet and netlink sockets; owned by three processes, some descriptors by two.
 * Then, for each {@link io.sockscope.differential.FlagCombinations flag combination}, {@code ss} and the
 * sockscope CLI run in that namespace with the same flags and must exit alike with byte-identical stdout
 * ({@link io.sockscope.differential.Differential}); bad command lines must be rejected alike.
 *
 * <p>Run: {@code mvn -B -o test -Dtest='io.sockscope.differential.**'} (needs root, iproute2 and
 * {@code /usr/bin/python3}; otherwise the zoo tests skip and say why). {@code ZooSanityTest} checks the zoo
 * against ss itself, {@code DifferentialHarnessTest} checks the harness (ss agrees with itself on every
 * case, real differences are reported), {@code SsDifferentialTest} and {@code SsRejectionDifferentialTest}
 * hold sockscope to the bar.
 */
package io.sockscope.differential;
