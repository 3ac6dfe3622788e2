package dev.archgate.host;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.platform.Platform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;

/**
 * The smallest program that proves a platform's code runs here: a static ELF executable, made by
 * archgate itself, that writes "ok\n" to standard output and exits 0. Its machine code (a write
 * and an exit system call, position-independent) was assembled once per architecture with GNU
 * as; this class wraps it in an ELF header and one loadable segment.
 */
public final class ProbeProgram {
    public static final String OUTPUT = "ok\n";

    /** write(1, msg, 3); exit(0); msg: "ok\n", per architecture. */
    private static final Map<String, String> CODE = Map.of(
            "amd64", "b801000000bf01000000488d3510000000ba030000000f05b83c00000031ff0f056f6b0a",
            "arm64", "200080d2e1000010620080d2080880d2010000d4000080d2a80b80d2010000d46f6b0a",
            // ARM mode, ARMv5TE instructions only, so the probe runs on every arm variant.
            "arm", "0100a0e314108fe20320a0e30470a0e3000000ef0000a0e30170a0e3000000ef6f6b0a00",
            "s390x", "a7290001c03000000009a74900030a04a72900000a016f6b0a",
            "ppc64le", "05009f42a602887c2400843804000038010060380300a038020000440100003800006038020000446f6b0a",
            "riscv64", "9308000413051000970500009385c50113063000730000009308d00513050000730000006f6b0a");

    private ProbeProgram() {}

    public static boolean supports(Platform p) {
        return CODE.containsKey(p.architecture());
    }

    public static byte[] elf(Platform platform) {
        String hex = CODE.get(platform.architecture());
        if (hex == null) {
            throw new IllegalArgumentException("no probe program for " + platform);
        }
        return wrap(platform, HexFormat.of().parseHex(hex));
    }

    /** A static executable of the platform whose one loadable segment is {@code code}, entered at its start. */
    static byte[] wrap(Platform platform, byte[] code) {
        ElfExpectation e = ElfExpectation.of(platform);
        boolean is64 = e.elfClass() == 64;
        int ehsize = is64 ? 64 : 52;
        int phsize = is64 ? 56 : 32;
        long base = is64 ? 0x400000L : 0x10000L;
        int fileSize = ehsize + phsize + code.length;
        ByteBuffer b = ByteBuffer.allocate(fileSize).order(e.byteOrder());
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (e.byteOrder() == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1, 0});
        b.put(new byte[8]);
        b.putShort((short) 2); // ET_EXEC
        b.putShort((short) e.machine());
        b.putInt(1); // EV_CURRENT
        long entry = base + ehsize + phsize;
        if (is64) {
            b.putLong(entry).putLong(ehsize).putLong(0);
        } else {
            b.putInt((int) entry).putInt(ehsize).putInt(0);
        }
        b.putInt(flags(platform));
        b.putShort((short) ehsize).putShort((short) phsize).putShort((short) 1); // one program header
        b.putShort((short) (is64 ? 64 : 40)).putShort((short) 0).putShort((short) 0); // no sections
        // PT_LOAD of the whole file, readable and executable
        if (is64) {
            b.putInt(1).putInt(5).putLong(0).putLong(base).putLong(base).putLong(fileSize).putLong(fileSize).putLong(0x1000);
        } else {
            b.putInt(1).putInt(0).putInt((int) base).putInt((int) base).putInt(fileSize).putInt(fileSize).putInt(5).putInt(0x1000);
        }
        b.put(code);
        return b.array();
    }

    /** e_flags the loaders check: EABI version 5 for ARM, ELFv2 for ppc64le. */
    private static int flags(Platform p) {
        return switch (p.architecture()) {
            case "arm" -> 0x05000000;
            case "ppc64le" -> 2;
            default -> 0;
        };
    }
}
