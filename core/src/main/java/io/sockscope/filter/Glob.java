package io.sockscope.filter;

/**
 * glibc's {@code fnmatch(pattern, name, FNM_CASEFOLD)} in the C locale, on bytes: {@code *} and {@code ?}
 * match any bytes including {@code /} and a leading {@code .}; {@code [...]} takes ranges, {@code !} or
 * {@code ^} negation, {@code [:class:]}, {@code [=c=]} and {@code [.c.]}; a backslash quotes the next
 * byte; only ASCII letters fold. An unterminated {@code [} stands for itself, and the malformed brackets
 * glibc rejects never match.
 *
 * <p>A {@code *} remembers one resume point and later mismatches retry from there with one more byte
 * consumed; since {@code *} is the only construct that matches a variable length, this finds a match
 * exactly when glibc's recursive search does, without recursion.
 */
final class Glob {
    /** glibc's {@code CHAR_CLASS_MAX_LENGTH}. */
    private static final int CLASS_NAME_MAX = 256;

    private final byte[] pat;
    private final byte[] str;

    private Glob(byte[] pattern, byte[] name) {
        this.pat = pattern;
        this.str = name;
    }

    /** Whether {@code name} matches {@code pattern}, both taken as C strings (up to their first NUL). */
    static boolean matches(byte[] pattern, byte[] name) {
        return new Glob(cString(pattern), cString(name)).run();
    }

    private static byte[] cString(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return java.util.Arrays.copyOf(b, i);
            }
        }
        return b;
    }

    /** Pattern byte at {@code i}, or 0 past the end (C strings end in NUL). */
    private int p(int i) {
        return i < pat.length ? pat[i] & 0xFF : 0;
    }

    private static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private boolean run() {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = -1;
        while (true) {
            if (p >= pat.length) {
                if (n == str.length) {
                    return true;
                }
            } else if (pat[p] == '*') {
                while (p < pat.length && (pat[p] == '*' || pat[p] == '?')) {
                    if (pat[p] == '?') {
                        if (n == str.length) {
                            return false;
                        }
                        n++;
                    }
                    p++;
                }
                if (p >= pat.length) {
                    return true;
                }
                starP = p;
                starN = n;
                continue;
            } else {
                int next = element(p, n);
                if (next >= 0) {
                    p = next;
                    n++;
                    continue;
                }
            }
            // Mismatch: let the last '*' swallow one more byte, if it can.
            if (starP < 0 || starN >= str.length) {
                return false;
            }
            starN++;
            p = starP;
            n = starN;
        }
    }

    /** Matches one pattern element at {@code p} against byte {@code n}; the next pattern index or -1. */
    private int element(int p, int n) {
        int c = p(p);
        if (c == '?') {
            return n < str.length ? p + 1 : -1;
        }
        if (c == '\\') {
            int quoted = p(p + 1);
            if (quoted == 0) {
                return -1;
            }
            return n < str.length && fold(str[n] & 0xFF) == fold(quoted) ? p + 2 : -1;
        }
        if (c == '[') {
            return bracket(p + 1, n);
        }
        return n < str.length && fold(str[n] & 0xFF) == fold(c) ? p + 1 : -1;
    }

    /**
     * A bracket expression whose '[' was at {@code open - 1}: the index after its ']' when byte {@code n}
     * is (or, negated, is not) in the set; -1 otherwise.
     */
    private int bracket(int open, int n) {
        if (n >= str.length) {
            return -1;
        }
        int raw = str[n] & 0xFF;
        int p = open;
        boolean not = p(p) == '!' || p(p) == '^';
        if (not) {
            p++;
        }
        int fn = fold(raw);
        int c = p(p++);
        while (true) {
            int cold;
            boolean literalFromEscape = false;
            if (c == '\\') {
                if (p(p) == 0) {
                    return -1;
                }
                c = fold(p(p));
                p++;
                literalFromEscape = true;
            } else if (c == '[' && p(p) == ':') {
                int start = p;
                StringBuilder name = new StringBuilder();
                boolean isClass = true;
                while (true) {
                    if (name.length() == CLASS_NAME_MAX) {
                        return -1;
                    }
                    int k = p(++p);
                    if (k == ':' && p(p + 1) == ']') {
                        p += 2;
                        break;
                    }
                    if (k < 'a' || k >= 'z') {
                        isClass = false;
                        break;
                    }
                    name.append((char) k);
                }
                if (isClass) {
                    CharClass cls = CharClass.named(name.toString());
                    if (cls == null) {
                        return -1;
                    }
                    if (cls.contains(raw)) {
                        return skipRest(p, not);
                    }
                    c = p(p++);
                    if (c == ']') {
                        break;
                    }
                    continue;
                }
                p = start;
                c = '[';
                literalFromEscape = true;
            } else if (c == '[' && p(p) == '=') {
                int start = p;
                int sym = p(++p);
                if (sym != 0 && p(p + 1) == '=' && p(p + 2) == ']') {
                    p += 3;
                    if (raw == sym) {
                        return skipRest(p, not);
                    }
                    c = p(p++);
                    if (c == ']') {
                        break;
                    }
                    continue;
                }
                p = start;
                c = '[';
                literalFromEscape = true;
            } else if (c == 0) {
                // An unterminated bracket: the '[' is an ordinary byte and matching goes on after it.
                return fold(raw) == '[' ? open : -1;
            }
            if (!literalFromEscape && c == '[' && p(p) == '.') {
                int start = p;
                int len = 0;
                while (true) {
                    int k = p(++p);
                    if (k == '.' && p(p + 1) == ']') {
                        p += 2;
                        break;
                    }
                    if (k == 0) {
                        return -1;
                    }
                    len++;
                }
                boolean range = p(p) == '-' && p(p + 1) != 0;
                if (len != 1) {
                    return -1;
                }
                int sym = p(start + 1);
                if (!range && raw == sym) {
                    return skipRest(p, not);
                }
                cold = sym;
                c = p(p++);
            } else {
                if (!literalFromEscape) {
                    c = fold(c);
                }
                boolean range = p(p) == '-' && p(p + 1) != 0 && p(p + 1) != ']';
                if (!range && c == fn) {
                    return skipRest(p, not);
                }
                cold = c;
                c = p(p++);
            }
            if (c == '-' && p(p) != ']') {
                int cend = p(p++);
                if (cend == '[' && p(p) == '.') {
                    int start = p;
                    int len = 0;
                    while (true) {
                        int k = p(++p);
                        if (k == '.' && p(p + 1) == ']') {
                            p += 2;
                            break;
                        }
                        if (k == 0) {
                            return -1;
                        }
                        len++;
                    }
                    if (len != 1) {
                        return -1;
                    }
                    cend = p(start + 1);
                } else {
                    if (cend == '\\') {
                        cend = p(p++);
                    }
                    if (cend == 0) {
                        return -1;
                    }
                    cend = fold(cend);
                }
                // The C locale collates by byte value.
                if (cold <= fn && fn <= cend) {
                    return skipRest(p, not);
                }
                c = p(p++);
            }
            if (c == ']') {
                break;
            }
        }
        return not ? p : -1;
    }

    /** After a byte matched inside a bracket: skip to its ']' (failing on malformed rest). */
    private int skipRest(int p, boolean not) {
        while (true) {
            int c = p(p++);
            if (c == ']') {
                break;
            }
            if (c == 0) {
                return -1;
            }
            if (c == '\\') {
                if (p(p) == 0) {
                    return -1;
                }
                p++;
            } else if (c == '[' && p(p) == ':') {
                int start = p;
                int count = 0;
                while (true) {
                    int k = p(++p);
                    if (++count == CLASS_NAME_MAX) {
                        return -1;
                    }
                    if (p(p) == ':' && p(p + 1) == ']') {
                        break;
                    }
                    if (k < 'a' || k >= 'z') {
                        p = start - 2;
                        break;
                    }
                }
                p += 2;
            } else if (c == '[' && p(p) == '=') {
                int k = p(++p);
                if (k == 0) {
                    return -1;
                }
                k = p(++p);
                if (k != '=' || p(p + 1) != ']') {
                    return -1;
                }
                p += 2;
            } else if (c == '[' && p(p) == '.') {
                while (true) {
                    int k = p(++p);
                    if (k == 0) {
                        return -1;
                    }
                    if (k == '.' && p(p + 1) == ']') {
                        break;
                    }
                }
                p += 2;
            }
        }
        return not ? -1 : p;
    }

    /** The character classes of the C locale. */
    private enum CharClass {
        ALNUM, ALPHA, BLANK, CNTRL, DIGIT, GRAPH, LOWER, PRINT, PUNCT, SPACE, UPPER, XDIGIT;

        static CharClass named(String name) {
            for (CharClass c : values()) {
                if (c.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                    return c;
                }
            }
            return null;
        }

        boolean contains(int b) {
            boolean upper = b >= 'A' && b <= 'Z';
            boolean lower = b >= 'a' && b <= 'z';
            boolean digit = b >= '0' && b <= '9';
            boolean graph = b >= 33 && b <= 126;
            return switch (this) {
                case ALNUM -> upper || lower || digit;
                case ALPHA -> upper || lower;
                case BLANK -> b == ' ' || b == '\t';
                case CNTRL -> b < 32 || b == 127;
                case DIGIT -> digit;
                case GRAPH -> graph;
                case LOWER -> lower;
                case PRINT -> graph || b == ' ';
                case PUNCT -> graph && !(upper || lower || digit);
                case SPACE -> b == ' ' || (b >= 9 && b <= 13);
                case UPPER -> upper;
                case XDIGIT -> digit || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
            };
        }
    }
}
