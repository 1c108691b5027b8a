package io.sockscope.junit;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the extension does for one test, from the configuration parameters and the annotations on the test method,
 * its class and the classes enclosing it: whether to look at all, how long to linger, what is allowed.
 */
record DetectionSettings(boolean active, Duration linger, AllowList allowList, String allowedBecause) {
    /** Detection in every test, not only annotated ones (the extension must be loaded: JUnit's autodetection). */
    static final String AUTODETECTION = "sockscope.leaks.autodetection.enabled";
    /** How long to wait for closes in flight: {@code 200ms}, {@code 1s}, {@code 0}; a bare number is milliseconds. */
    static final String LINGER = "sockscope.leaks.linger";
    /** Ports every test may leave sockets on, separated by commas. */
    static final String ALLOW_PORTS = "sockscope.leaks.allow.ports";
    /** Addresses or prefixes every test may leave sockets on, separated by commas. */
    static final String ALLOW_ADDRESSES = "sockscope.leaks.allow.addresses";

    static final Duration DEFAULT_LINGER = Duration.ofMillis(200);

    static DetectionSettings of(ExtensionContext context) {
        List<DetectSocketLeaks> annotations = detectAnnotations(context);
        boolean active = !annotations.isEmpty() || registeredExplicitly(context)
                || context.getConfigurationParameter(AUTODETECTION).map(Boolean::parseBoolean).orElse(false);
        if (!active) {
            return new DetectionSettings(false, Duration.ZERO, new AllowList.Builder().build(), null);
        }
        Duration linger = context.getConfigurationParameter(LINGER).map(DetectionSettings::parseDuration)
                .orElse(DEFAULT_LINGER);
        for (DetectSocketLeaks a : annotations) {
            if (a.lingerMillis() >= 0) {
                linger = Duration.ofMillis(a.lingerMillis());
                break;
            }
        }
        return new DetectionSettings(true, linger, allowList(context, annotations), allowedBecause(context));
    }

    private static AllowList allowList(ExtensionContext context, List<DetectSocketLeaks> annotations) {
        AllowList.Builder allow = new AllowList.Builder();
        try {
            for (String port : list(context.getConfigurationParameter(ALLOW_PORTS))) {
                allow.port(Integer.parseInt(port));
            }
            for (String address : list(context.getConfigurationParameter(ALLOW_ADDRESSES))) {
                allow.address(address);
            }
            for (DetectSocketLeaks a : annotations) {
                for (int port : a.allowPorts()) {
                    allow.port(port);
                }
                for (String address : a.allowAddresses()) {
                    allow.address(address);
                }
                for (Class<? extends SocketLeakAllowance> type : a.allow()) {
                    allow.predicate(instantiate(type));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("sockscope: a socket leak allow-list is not valid: "
                    + e.getMessage(), e);
        }
        return allow.build();
    }

    private static SocketLeakAllowance instantiate(Class<? extends SocketLeakAllowance> type) {
        try {
            Constructor<? extends SocketLeakAllowance> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new ExtensionConfigurationException("sockscope: cannot make the allowance " + type.getName()
                    + " (it needs a constructor without arguments): " + e, e);
        }
    }

    private static String allowedBecause(ExtensionContext context) {
        AllowSocketLeaks allow = nearest(context, AllowSocketLeaks.class).orElse(null);
        if (allow == null) {
            return null;
        }
        if (allow.reason().isBlank()) {
            throw new ExtensionConfigurationException(
                    "sockscope: @AllowSocketLeaks needs a reason: say why this test may leave sockets open");
        }
        return allow.reason().strip();
    }

    /** The annotations from the nearest (the method) to the farthest (the outermost enclosing class). */
    private static List<DetectSocketLeaks> detectAnnotations(ExtensionContext context) {
        List<DetectSocketLeaks> found = new ArrayList<>();
        context.getTestMethod().map(m -> m.getAnnotation(DetectSocketLeaks.class)).ifPresent(found::add);
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            DetectSocketLeaks a = c.getAnnotation(DetectSocketLeaks.class);
            if (a != null) {
                found.add(a);
            }
        }
        return found;
    }

    private static <A extends Annotation> Optional<A> nearest(ExtensionContext context, Class<A> type) {
        Optional<A> onMethod = context.getTestMethod().map(m -> m.getAnnotation(type));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            A a = c.getAnnotation(type);
            if (a != null) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code @ExtendWith(SocketLeakExtension.class)} names it (then no annotation of ours is needed). */
    private static boolean registeredExplicitly(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isPresent() && names(method.get().getAnnotationsByType(ExtendWith.class))) {
            return true;
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            if (names(c.getAnnotationsByType(ExtendWith.class))) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(ExtendWith[] extendWith) {
        for (ExtendWith e : extendWith) {
            for (Class<?> type : e.value()) {
                if (type == SocketLeakExtension.class) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> list(Optional<String> parameter) {
        if (parameter.isEmpty() || parameter.get().isBlank()) {
            return List.of();
        }
        return List.of(parameter.get().split("\\s*,\\s*")).stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return nonNegative(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip())), text);
            }
            if (t.endsWith("s")) {
                double seconds = Double.parseDouble(t.substring(0, t.length() - 1).strip());
                return nonNegative(Duration.ofNanos(Math.round(seconds * 1e9)), text);
            }
            return nonNegative(Duration.ofMillis(Long.parseLong(t)), text);
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException("sockscope: " + LINGER + " is not a duration (200ms, 1s, 0): \""
                    + text + "\"", e);
        }
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw new ExtensionConfigurationException("sockscope: " + LINGER + " is negative: \"" + text + "\"");
        }
        return d;
    }
}
