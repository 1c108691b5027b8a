package io.sockscope.attribution;

/**
 * How the kubelet names a pod's cgroup (one path component). Under the systemd driver the pod is a slice whose
 * name spells its parents, dash-separated, and its uid with the dashes written as underscores (systemd reads a
 * dash in a slice name as a level): {@code kubepods-burstable-pod1c2d…_9a0b.slice},
 * {@code kubepods-pod1c2d….slice} for a guaranteed pod, {@code kubelet-kubepods-besteffort-pod….slice} under a
 * cgroup root of {@code /kubelet}. Under cgroupfs it is {@code pod1c2d…-9a0b} below a {@code kubepods} directory.
 */
final class PodNaming {
    private static final String SLICE = ".slice";
    private static final String POD = "pod";
    private static final String KUBEPODS = "kubepods";
    /** A static pod's uid is a 32-digit hash, an API pod's a 36-character UUID; nothing shorter is taken. */
    private static final int MIN_UID = 8;
    private static final int MAX_UID = 64;

    private PodNaming() {
    }

    /** The pod uid (with dashes) {@code parts[i]} names, or null. */
    static String uid(String[] parts, int i) {
        String name = parts[i];
        if (name.endsWith(SLICE)) {
            return sliceUid(name.substring(0, name.length() - SLICE.length()));
        }
        if (name.startsWith(POD) && underKubepods(parts, i)) {
            return validUid(name.substring(POD.length()));
        }
        return null;
    }

    private static String sliceUid(String stem) {
        int at = stem.lastIndexOf("-" + POD);
        if (at < 0) {
            return null;
        }
        boolean kubelet = false;
        for (String level : stem.substring(0, at).split("-")) {
            kubelet |= level.equals(KUBEPODS);
        }
        String escaped = stem.substring(at + 1 + POD.length());
        // A dash is never part of an escaped uid: it would be a level of its own.
        return kubelet && escaped.indexOf('-') < 0 ? validUid(escaped.replace('_', '-')) : null;
    }

    private static boolean underKubepods(String[] parts, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (parts[j].equals(KUBEPODS)) {
                return true;
            }
        }
        return false;
    }

    private static String validUid(String uid) {
        if (uid.length() < MIN_UID || uid.length() > MAX_UID) {
            return null;
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-')) {
                return null;
            }
        }
        return uid;
    }
}
