package io.sockscope.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the annotated test, or every test of the annotated class, leave sockets open without failing: what it
 * leaves is still reported (the JSON report names the reason), and the next tests do not count it against
 * themselves. The reason is required and must not be blank, so that a reader learns why the leak is accepted.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AllowSocketLeaks {
    /**
     * Why the leak is accepted ("the client's pool keeps connections until the JVM exits").
     *
     * @return the reason, not blank
     */
    String reason();
}
