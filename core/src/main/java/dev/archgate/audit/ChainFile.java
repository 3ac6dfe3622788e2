package dev.archgate.audit;

import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one path of a variant's program chain is, as far as the exec of it cares: there or not, its
 * kind (ELF, script, other file, symlink, directory), empty or not, with an exec bit or not.
 * {@link VariantSkew} compares these across the variants of one image.
 *
 * @param kind "missing", "symlink", "directory", "ELF", "script", "file" (no "#!", not ELF) or "other"
 * @param detail the symlink's target or the script's "#!" line, null otherwise
 */
public record ChainFile(String kind, long size, boolean executable, String detail) {
    static final ChainFile MISSING = new ChainFile("missing", 0, false, null);

    /** The paths the variant's entrypoint chain goes through (as named and as resolved, and where it breaks), each described. */
    static Map<String, ChainFile> of(ProgramChain chain, MergedFilesystem fs) {
        Map<String, ChainFile> out = new LinkedHashMap<>();
        for (ProgramChain.Link link : chain.links()) {
            if (link.name() != null && link.name().startsWith("/")) {
                out.putIfAbsent(link.name(), describe(fs.entry(link.name())));
            }
            out.putIfAbsent(link.file().path(), describe(Optional.of(link.file())));
        }
        if (chain.broken() != null && chain.broken().path() != null && chain.broken().path().startsWith("/")) {
            out.putIfAbsent(chain.broken().path(), describe(fs.entry(chain.broken().path())));
        }
        return out;
    }

    static ChainFile describe(Optional<FileFacts> entry) {
        if (entry.isEmpty()) {
            return MISSING;
        }
        FileFacts f = entry.get();
        return switch (f.type()) {
            case SYMLINK -> new ChainFile("symlink", 0, false, f.linkTarget());
            case DIRECTORY -> new ChainFile("directory", 0, false, null);
            case OTHER -> new ChainFile("other", 0, false, null);
            case FILE -> new ChainFile(f.isElf() ? "ELF" : f.shebang() != null ? "script" : "file", f.size(), f.isExecutable(),
                    f.isElf() ? null : f.shebang());
        };
    }

    boolean missing() {
        return this == MISSING || kind.equals("missing");
    }

    boolean empty() {
        return isFile() && size == 0;
    }

    boolean isFile() {
        return kind.equals("ELF") || kind.equals("script") || kind.equals("file");
    }

    /** The words for a message: "an empty file (0 bytes)", "a script (#!/bin/sh) of 41 bytes", "a symlink to busybox". */
    String words() {
        return switch (kind) {
            case "missing" -> "missing";
            case "symlink" -> "a symlink to " + detail;
            case "directory" -> "a directory";
            case "other" -> "a device, pipe or socket";
            default -> (size == 0 ? "an empty file (0 bytes)" : kind.equals("ELF") ? "an ELF file of " + size + " bytes"
                    : kind.equals("script") ? "a script (" + detail + ") of " + size + " bytes" : "a file of " + size + " bytes without \"#!\"")
                    + (executable ? "" : " without an exec bit");
        };
    }
}
