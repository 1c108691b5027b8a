package io.sockscope.attribution;

import java.util.function.Supplier;

/**
 * A value computed on first use, once, however many threads ask: the indexes of the runtimes' directories, which
 * a listing that attributes no socket never reads.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private volatile T value;

    /** @param compute makes the value; it must not return null */
    Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = compute.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
