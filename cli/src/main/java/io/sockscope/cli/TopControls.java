package io.sockscope.cli;

/**
 * What the user has asked of the {@code top} screen so far: the view, each view's sort column and direction,
 * pause, and the filter prompt being typed. Keys come in one at a time ({@link #key}); each says what the screen
 * must do next. No terminal here, so that every key can be tested.
 */
final class TopControls {
    /** What a key asks of the screen. */
    sealed interface Outcome {
        /** Nothing to do (an unbound key). */
        record Nothing() implements Outcome {
        }

        /** Draw again with what is known. */
        record Redraw() implements Outcome {
        }

        /** Read the table now (the filter changed, or a pause ended). */
        record Refresh() implements Outcome {
        }

        /** Apply this filter expression (blank: none) and read the table. */
        record Filter(String expression) implements Outcome {
        }

        /** Quit: {@code q} (status 0) or Ctrl-C (130, as a shell reports SIGINT). */
        record Quit(int status) implements Outcome {
        }
    }

    static final int INTERRUPTED_STATUS = 130;

    private TopView view = TopView.PROCESSES;
    private final int[] sortColumn = {TopTables.defaultSort(TopView.PROCESSES), TopTables.defaultSort(TopView.PORTS)};
    private final boolean[] reversed = {TopTables.defaultReversed(TopView.PROCESSES),
            TopTables.defaultReversed(TopView.PORTS)};
    private boolean paused;
    /** The prompt's text while {@code /} is being typed, else null. */
    private StringBuilder prompt;

    TopView view() {
        return view;
    }

    int sortColumn() {
        return sortColumn[view.ordinal()];
    }

    boolean reversed() {
        return reversed[view.ordinal()];
    }

    boolean paused() {
        return paused;
    }

    /** The filter prompt's text, or null when no prompt is open. */
    String prompt() {
        return prompt == null ? null : prompt.toString();
    }

    /**
     * Takes one key. An escape sequence (an arrow, a function key) is not a key here: the screen's reader passes
     * over it, and only a lone ESC arrives, which closes the prompt.
     */
    Outcome key(int key) {
        if (key == TopKeys.CTRL_C) {
            return new Outcome.Quit(INTERRUPTED_STATUS);
        }
        if (prompt != null) {
            return promptKey(key);
        }
        int columns = view == TopView.PROCESSES ? TopTables.PROCESSES.size() : TopTables.PORTS.size();
        return switch (TopKeys.of(key)) {
            case QUIT -> new Outcome.Quit(0);
            case INTERRUPT -> new Outcome.Quit(INTERRUPTED_STATUS);
            case PROCESS_VIEW -> show(TopView.PROCESSES);
            case PORT_VIEW -> show(TopView.PORTS);
            case SWITCH_VIEW -> show(view.other());
            case NEXT_SORT -> {
                sortColumn[view.ordinal()] = (sortColumn() + 1) % columns;
                reversed[view.ordinal()] = false;
                yield new Outcome.Redraw();
            }
            case REVERSE_SORT -> {
                reversed[view.ordinal()] = !reversed();
                yield new Outcome.Redraw();
            }
            case FILTER -> {
                prompt = new StringBuilder();
                yield new Outcome.Redraw();
            }
            case PAUSE -> {
                paused = !paused;
                yield paused ? new Outcome.Redraw() : new Outcome.Refresh();
            }
            case REDRAW -> new Outcome.Redraw();
            case NONE -> new Outcome.Nothing();
        };
    }

    private Outcome show(TopView shown) {
        view = shown;
        return new Outcome.Redraw();
    }

    private Outcome promptKey(int key) {
        switch (key) {
            case '\r', '\n' -> {
                String typed = prompt.toString();
                prompt = null;
                return new Outcome.Filter(typed.strip());
            }
            case TopKeys.ESC -> prompt = null;
            case TopKeys.BACKSPACE, TopKeys.CTRL_H -> {
                if (!prompt.isEmpty()) {
                    prompt.setLength(prompt.length() - 1);
                }
            }
            case TopKeys.CTRL_U -> prompt.setLength(0);
            default -> {
                if (key >= ' ' && !Character.isISOControl(key)) {
                    prompt.appendCodePoint(key);
                }
            }
        }
        return new Outcome.Redraw();
    }
}
