package dev.archgate.host;

import java.util.HexFormat;

/**
 * A static x86-64 program, assembled once with GNU as and kept here as machine code: it mounts
 * binfmt_misc at /proc/sys/fs/binfmt_misc (an error, such as already mounted, is ignored), then
 * for each pair of arguments FILE TEXT opens FILE for writing and writes TEXT; its exit status is
 * the number of pairs that failed. Run in a privileged container, it registers QEMU handlers for
 * an engine that archgate does not run on.
 */
final class FileWriterProgram {
    private static final String CODE = "488d3d9c000000488d35a1000000488d158e0000004d31d24d31c0b8a50000000f054c8b24244c8d6c240849c7c6010000004d31ff"
            + "498d46014c39e07d5b4b8b7cf500be0100000031d2b8020000000f054885c0783a4889c34b8b74f5084889f2803a00740548ffc2ebf64829f24889dfb801"
            + "0000000f054885c0790349ffc74889dfb8030000000f054983c602eba549ffc74983c602eb9c4c89ffb83c0000000f0562696e666d745f6d697363002f70"
            + "726f632f7379732f66732f62696e666d745f6d69736300";

    private FileWriterProgram() {}

    static byte[] elf() {
        return ProbeProgram.wrap(Binfmt.NATIVE, HexFormat.of().parseHex(CODE));
    }
}
