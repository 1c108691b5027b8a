package io.sockscope.cli;

/**
 * What each key does in {@code top} (docs/top.md lists them; the screen's footer says them in short). Keys are
 * the characters a terminal in raw mode sends: Ctrl-C arrives as the byte 3, not as SIGINT, so that quitting
 * that way restores the terminal as {@code q} does.
 */
enum TopKeys {
    QUIT, INTERRUPT, PROCESS_VIEW, PORT_VIEW, SWITCH_VIEW, NEXT_SORT, REVERSE_SORT, FILTER, PAUSE, REDRAW, NONE;

    static final int CTRL_C = 3;
    static final int CTRL_L = 12;
    static final int CTRL_U = 21;
    static final int TAB = '\t';
    static final int ESC = 27;
    static final int BACKSPACE = 127;
    static final int CTRL_H = 8;

    /** The footer's summary of the keys. */
    static final String FOOTER = "q quit  p processes  l ports  Tab switch  s sort  r reverse  / filter"
            + "  space pause";

    /** What {@code key} does outside the filter prompt. */
    static TopKeys of(int key) {
        return switch (key) {
            case 'q', 'Q' -> QUIT;
            case CTRL_C -> INTERRUPT;
            case 'p', 'P' -> PROCESS_VIEW;
            case 'l', 'L' -> PORT_VIEW;
            case TAB -> SWITCH_VIEW;
            case 's' -> NEXT_SORT;
            case 'S', 'r', 'R' -> REVERSE_SORT;
            case '/' -> FILTER;
            case ' ' -> PAUSE;
            case CTRL_L -> REDRAW;
            default -> NONE;
        };
    }
}
