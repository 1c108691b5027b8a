package io.sockscope.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails each test of the annotated class, or the annotated test, that leaves sockets open: sockets this JVM or
 * one of its child processes holds after the test (and a short linger for closes in flight) that it did not hold
 * before. The failure's message is a table of them in ss's format, each classified (a listener, a client or an
 * accepted connection, CLOSE-WAIT, a datagram or unix socket); TIME-WAIT never counts, the kernel owns it.
 *
 * <pre>{@code
 * @DetectSocketLeaks
 * class ServerTest {
 *     @Test
 *     void answers() throws IOException {
 *         try (Server server = Server.start(0)) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Allow-lists in the annotation are added to those of the enclosing levels (method, class, enclosing classes) and
 * to the configuration parameters' ({@code sockscope.leaks.allow.ports}, {@code sockscope.leaks.allow.addresses});
 * the nearest {@link #lingerMillis()} that is set wins over the parameter {@code sockscope.leaks.linger}.
 * docs/junit.md says the rest.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SocketLeakExtension.class)
public @interface DetectSocketLeaks {
    /**
     * How long to wait after the test, at most, for sockets closed asynchronously (by a server's threads, say) to be
     * gone; negative for the configuration parameter's value, or 200 ms.
     *
     * @return milliseconds, or a negative number for the default
     */
    long lingerMillis() default -1;

    /**
     * Sockets whose local or peer port is one of these are not leaks (a shared database's pool, say).
     *
     * @return port numbers
     */
    int[] allowPorts() default {};

    /**
     * Sockets whose local or peer address is one of these, or in one of these prefixes ({@code 10.0.0.0/8},
     * {@code ::1}), are not leaks. Numeric addresses only: nothing is looked up by name.
     *
     * @return addresses or prefixes
     */
    String[] allowAddresses() default {};

    /**
     * Sockets one of these predicates allows are not leaks; each class needs a constructor without arguments.
     *
     * @return predicate classes
     */
    Class<? extends SocketLeakAllowance>[] allow() default {};
}
