package io.sockscope.diagnose;

/** File modes written the way {@code ls -ld} writes them. */
final class PermissionText {
    private PermissionText() {
    }

    /** {@code drwxr-x--- root postgres /run/postgresql}. */
    static String lsLine(PathStep step) {
        FileFacts f = step.facts();
        if (f == null) {
            return step.path() + (step.problem() != null ? ": " + step.problem() : ": does not exist");
        }
        return mode(f) + " " + step.ownerName() + " " + step.groupName() + " " + step.path();
    }

    static String mode(FileFacts f) {
        char type = switch (f.type()) {
            case SOCKET -> 's';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case REGULAR -> '-';
            case OTHER -> '?';
        };
        int m = f.mode();
        StringBuilder out = new StringBuilder().append(type);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            boolean set = (m & (0400 >> i)) != 0;
            char c = set ? letters.charAt(i) : '-';
            // setuid, setgid and sticky show in the execute columns.
            if (i == 2 && (m & 04000) != 0) {
                c = set ? 's' : 'S';
            } else if (i == 5 && (m & 02000) != 0) {
                c = set ? 's' : 'S';
            } else if (i == 8 && (m & 01000) != 0) {
                c = set ? 't' : 'T';
            }
            out.append(c);
        }
        return out.toString();
    }
}
