package dev.heed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of this process above a starting point, from Linux's high-water mark: writing 5
 * to /proc/self/clear_refs resets VmHWM to the current RSS. It sees every allocation that is touched
 * (libtorch's, the kernels', the JVM's), which is what "extra memory" means for an op.
 */
public final class PeakRss {
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs"), STATUS = Path.of("/proc/self/status");

    private PeakRss() {}

    public static boolean supported() {
        return Files.isWritable(CLEAR_REFS) && Files.isReadable(STATUS);
    }

    /** Resets the high-water mark and returns the current RSS in bytes: the baseline of {@link #extraSince}. */
    public static long reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return field("VmRSS:");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the RSS high-water mark: " + e.getMessage(), e);
        }
    }

    /** Peak RSS since the last reset, minus {@code baseline}, in bytes. */
    public static long extraSince(long baseline) {
        return Math.max(0, field("VmHWM:") - baseline);
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS))
                if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(STATUS + " has no " + name);
    }
}
