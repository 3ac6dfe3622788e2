package dev.archgate.elf;

import java.io.IOException;
import java.io.InputStream;

/** Reads an ELF summary from a stream that is read once, front to back, in bounded memory. */
public final class ElfScanner {
    private ElfScanner() {}

    /**
     * Scans {@code size} bytes of {@code in} (consuming all of them, so the caller's tar stream is
     * positioned after the entry).
     */
    public static ElfInfo scan(InputStream in, long size) throws IOException {
        throw new UnsupportedOperationException("to be written by the ELF reader");
    }
}
