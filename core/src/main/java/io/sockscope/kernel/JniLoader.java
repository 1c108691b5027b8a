package io.sockscope.kernel;

/**
 * Loads sockscope's JNI library ({@code src/main/c}) once for every package that binds methods of it
 * ({@code kernel} and {@code procmap}): the file named by the system property {@value #LIBRARY_PROPERTY}
 * (the launcher sets it). Nothing is loaded when the property is unset or native access is not granted; each
 * binding class then checks the library's ABI version against its own before using it.
 */
public final class JniLoader {
    /** The system property naming the JNI library file. */
    public static final String LIBRARY_PROPERTY = "sockscope.jni.library";

    /**
     * The version of the contract between the Java classes that bind the library and its C functions; must
     * equal {@code SOCKSCOPE_JNI_ABI} in {@code sockscope_jni.h}, and changes whenever a signature does or a
     * function is added.
     */
    static final int ABI_VERSION = 3;

    private static final boolean LOADED = load(System.getProperty(LIBRARY_PROPERTY));
    private static final boolean USABLE = LOADED && ofThisVersion();

    private JniLoader() {
    }

    /** Whether the library file was loaded into this class loader. */
    public static boolean loaded() {
        return LOADED;
    }

    /**
     * Whether the library was loaded and is of this build's {@link #ABI_VERSION}, so that every binding class
     * may use it; a library left over from another build is not, and the FFM downcalls serve instead.
     */
    public static boolean usable() {
        return USABLE;
    }

    private static boolean ofThisVersion() {
        try {
            return abiVersion() == ABI_VERSION;
        } catch (UnsatisfiedLinkError e) {
            return false; // built before the version had this symbol
        }
    }

    private static native int abiVersion();

    // Loading a library is restricted like linking: asking first keeps the JDK from warning when it is not granted.
    @SuppressWarnings("restricted")
    private static boolean load(String file) {
        if (file == null || file.isEmpty() || !JniLoader.class.getModule().isNativeAccessEnabled()) {
            return false;
        }
        try {
            System.load(file);
            return true;
        } catch (UnsatisfiedLinkError | SecurityException | IllegalCallerException e) {
            // Missing, unreadable or for another architecture: the FFM downcalls will do.
            return false;
        }
    }
}
