package dev.heed.cli;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn at most every percent. */
final class ProgressBar {
    private final PrintWriter err;
    private final String label;
    private final int total;
    private int shown = -1;

    ProgressBar(PrintWriter err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    synchronized void update(int done) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (percent != shown) {
            shown = percent;
            int bar = percent * 30 / 100;
            err.printf("\r%s [%s%s] %d/%d", label, "#".repeat(bar), ".".repeat(30 - bar), done, total);
            err.flush();
        }
    }

    void finish() {
        err.println();
    }
}
