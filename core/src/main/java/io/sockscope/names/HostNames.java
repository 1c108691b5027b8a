package io.sockscope.names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Address → host name for {@code -r}, through the system resolver (so {@code /etc/hosts} and DNS as
 * configured), with a time limit per lookup so that an unreachable resolver never stalls a listing: a lookup
 * that takes longer prints the number, and after a few such lookups the rest of the listing stops asking.
 * Answers, including "no name", are cached, as ss caches them. An IPv4-mapped IPv6 address is looked up as
 * the IPv4 address, as in ss. Close it to stop the resolver threads.
 */
public final class HostNames implements Function<byte[], String>, AutoCloseable {
    private static final byte[] V4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final Duration limit;
    private final int timeoutsBeforeGivingUp;
    private final Map<String, Optional<String>> cache = new HashMap<>();
    private final ExecutorService resolver;
    private int timeouts;

    /**
     * @param limit                  the longest one lookup may take
     * @param timeoutsBeforeGivingUp after this many lookups ran out of time, stop asking
     */
    public HostNames(Duration limit, int timeoutsBeforeGivingUp) {
        this.limit = limit;
        this.timeoutsBeforeGivingUp = timeoutsBeforeGivingUp;
        // One thread per lookup that may hang (after that many, no more are asked) and one more, all made now, on
        // the caller's thread: a thread made later, by a listing across namespaces, would be made inside whichever
        // namespace asked first, and every later lookup on it would resolve there.
        int threads = timeoutsBeforeGivingUp + 1;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sockscope-resolver");
                    t.setDaemon(true);
                    return t;
                });
        pool.prestartAllCoreThreads();
        this.resolver = pool;
    }

    /** The host name of an address (4 or 16 bytes), or null to print the number. */
    @Override
    public String apply(byte[] address) {
        byte[] lookup = address.length == 16
                && Arrays.equals(address, 0, 12, V4_MAPPED_PREFIX, 0, 12)
                ? Arrays.copyOfRange(address, 12, 16) : address;
        String key = Arrays.toString(lookup);
        Optional<String> known = cache.get(key);
        if (known != null) {
            return known.orElse(null);
        }
        Optional<String> found = resolve(lookup);
        cache.put(key, found);
        return found.orElse(null);
    }

    private Optional<String> resolve(byte[] address) {
        if (timeouts >= timeoutsBeforeGivingUp) {
            return Optional.empty();
        }
        Future<Optional<String>> answer = resolver.submit(() -> nameOf(address));
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timeouts++;
            answer.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> nameOf(byte[] address) {
        try {
            InetAddress a = InetAddress.getByAddress(address);
            String name = a.getHostName();
            // The resolver answers with the number itself when the address has no name.
            return name.equals(a.getHostAddress()) ? Optional.empty() : Optional.of(name);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        resolver.shutdownNow();
    }
}
