package io.sockscope.kernel;

/**
 * Chooses, once per JVM, which {@link Syscalls} serve it, as Netty chooses its native transport: the JNI
 * library when the file named by the system property {@value #LIBRARY_PROPERTY} (the launcher sets it) loads
 * and is of this build's version, FFM downcalls otherwise. Why the JNI library was not taken is kept, for
 * {@code --debug} and for exception messages ({@link #describe()}). docs/startup.md says why JNI comes first.
 */
public final class NativeLayer {
    /** The system property naming the JNI library file. */
    public static final String LIBRARY_PROPERTY = "sockscope.jni.library";

    /** Why the JNI library is not used, or null when it is. */
    private static final String JNI_UNAVAILABILITY_CAUSE = probeJni(System.getProperty(LIBRARY_PROPERTY));
    private static final Syscalls SYSCALLS = JNI_UNAVAILABILITY_CAUSE == null ? new JniSyscalls() : new FfmSyscalls();

    private NativeLayer() {
    }

    /** The calls of this JVM. */
    public static Syscalls syscalls() {
        return SYSCALLS;
    }

    /** Whether the JNI library serves the calls. */
    public static boolean usesJni() {
        return JNI_UNAVAILABILITY_CAUSE == null;
    }

    /** Why the JNI library does not serve the calls ({@code the property ... is unset}, …), or null when it does. */
    public static String jniUnavailabilityCause() {
        return JNI_UNAVAILABILITY_CAUSE;
    }

    /** Which implementation serves the calls, and why, in a phrase: {@code FFM downcalls (the JNI library ...)}. */
    public static String describe() {
        return usesJni() ? "the JNI library " + System.getProperty(LIBRARY_PROPERTY)
                : "FFM downcalls (the JNI library is not used: " + JNI_UNAVAILABILITY_CAUSE + ")";
    }

    /** Loads the library and checks its version: null when it can serve, else why not. */
    // Loading a library is restricted like linking: asking first keeps the JDK from warning when it is not granted.
    @SuppressWarnings("restricted")
    private static String probeJni(String file) {
        if (file == null || file.isEmpty()) {
            return "the system property " + LIBRARY_PROPERTY + " is unset";
        }
        if (!NativeLayer.class.getModule().isNativeAccessEnabled()) {
            return "native access is not enabled for this module";
        }
        try {
            System.load(file);
        } catch (UnsatisfiedLinkError | SecurityException | IllegalCallerException e) {
            // Missing, unreadable or for another architecture: the FFM downcalls will do.
            return "cannot load " + file + ": " + e.getMessage();
        }
        try {
            int version = JniSyscalls.abiVersion();
            return version == JniSyscalls.ABI_VERSION ? null
                    : file + " is of ABI version " + version + ", this build needs " + JniSyscalls.ABI_VERSION;
        } catch (UnsatisfiedLinkError e) {
            return file + " is from an older build (it has no ABI version for this class)";
        }
    }
}
