package dev.archgate.image.fs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one variant's layers take once unpacked, and the part of it that later layers overwrite
 * or delete: bytes every node pulls and stores but no container can see (what dive calls wasted
 * space). Counted per file content: a hard link adds no bytes, and content is wasted only when
 * every name it has is hidden, since one surviving name keeps it visible.
 *
 * @param unpacked the bytes of every regular file in every layer, each content once
 * @param wasted the part of {@code unpacked} hidden in the merged filesystem
 * @param topWasted the paths holding the most hidden bytes, largest first
 */
public record LayerSpace(long unpacked, long wasted, List<Waste> topWasted) implements Serializable {
    static final int TOP = 5;

    public LayerSpace {
        topWasted = List.copyOf(topWasted);
    }

    /**
     * Hidden bytes at one path.
     *
     * @param copies how many hidden contents lay there (a file rewritten by three layers has two)
     */
    public record Waste(String path, long bytes, int copies) implements Serializable {}

    /** Follows {@link MergedFilesystem#merge}: every file content added, every hard link made. */
    static final class Accounting {
        private final List<FileFacts> contents = new ArrayList<>();
        /** A hard link's facts to the facts of the content it names (never another link). */
        private final Map<FileFacts, FileFacts> origins = new IdentityHashMap<>();
        private long unpacked;

        void added(FileFacts f) {
            if (f.type() == FileFacts.Type.FILE) {
                contents.add(f);
                unpacked += f.size();
            }
        }

        void linked(FileFacts link, FileFacts target) {
            origins.put(link, origins.getOrDefault(target, target));
        }

        LayerSpace finish(Collection<FileFacts> merged) {
            Set<FileFacts> visible = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (FileFacts f : merged) {
                visible.add(origins.getOrDefault(f, f));
            }
            long wasted = 0;
            Map<String, Waste> byPath = new LinkedHashMap<>();
            for (FileFacts c : contents) {
                if (!visible.contains(c) && c.size() > 0) {
                    wasted += c.size();
                    byPath.merge(c.path(), new Waste(c.path(), c.size(), 1),
                            (a, b) -> new Waste(a.path(), a.bytes() + b.bytes(), a.copies() + b.copies()));
                }
            }
            List<Waste> top = byPath.values().stream()
                    .sorted(Comparator.comparingLong(Waste::bytes).reversed().thenComparing(Waste::path)).limit(TOP).toList();
            return new LayerSpace(unpacked, wasted, top);
        }
    }
}
