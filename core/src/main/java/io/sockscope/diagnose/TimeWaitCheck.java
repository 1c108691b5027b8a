package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.TcpState;

import java.util.List;

/**
 * {@code TIME_WAIT_NORMAL}: many TIME-WAIT sockets on the port. Information only: TIME-WAIT is how TCP ends a
 * connection on the side that closed first, and each one clears in 60 seconds.
 */
final class TimeWaitCheck {
    private static final int MAX_ROWS = 3;

    private TimeWaitCheck() {
    }

    static List<Finding> run(InetExamination ex) {
        if (ex.transport() != Transport.TCP) {
            return List.of();
        }
        int port = ex.target.port();
        List<InetSocket> tw = ex.snapshot.inet(Transport.TCP).stream()
                .filter(s -> SocketFacts.hasState(s, TcpState.TIME_WAIT))
                .filter(s -> s.local().port() == port || s.peer().port() == port)
                .toList();
        if (tw.size() < ex.thresholds.manyTimeWait()) {
            return List.of();
        }
        long local = tw.stream().filter(s -> s.local().port() == port).count();
        return List.of(new Finding(FindingCode.TIME_WAIT_NORMAL, Severity.INFO,
                tw.size() + " TIME-WAIT sockets on port " + port + ": normal after connections close, each clears"
                        + " within 60 s",
                List.of(new Evidence.Fact(local + " where this host serves port " + port + " (it closed first), "
                                + (tw.size() - local) + " where it is a client of port " + port),
                        new Evidence.Sockets(ex.sightings(tw.subList(0, Math.min(MAX_ROWS, tw.size()))))),
                null));
    }
}
