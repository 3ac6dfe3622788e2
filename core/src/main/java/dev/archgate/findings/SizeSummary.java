package dev.archgate.findings;

import java.io.Serializable;
import java.util.List;

/**
 * One variant's size, as the summary's size table and report.json show it.
 *
 * @param compressed what a node pulls: the config and every layer blob as stored
 * @param unpacked the file content of every layer once unpacked, each hard-linked content once
 * @param wasted the part of {@code unpacked} that later layers overwrite or delete
 * @param largest the largest paths (of at most three components) of the merged filesystem, largest first
 */
public record SizeSummary(long compressed, long unpacked, long wasted, List<PathBytes> largest) implements Serializable {
    public SizeSummary {
        largest = List.copyOf(largest);
    }

    public record PathBytes(String path, long bytes) implements Serializable {}

    /** Bytes for people: 1023 B, 1.5 KiB, 23.4 MiB, 1.2 GiB. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
