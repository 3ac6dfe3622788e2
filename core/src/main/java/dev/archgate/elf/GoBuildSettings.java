package dev.archgate.elf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds the CPU-level settings in a Go program's build info (Go 1.18 and later writes lines such
 * as "build\tGOARM=7", "build\tGOAMD64=v3", "build\tGOARM64=v8.2" into it) while the bytes stream
 * past, across chunk boundaries, in constant memory. The first value of each setting is kept.
 */
final class GoBuildSettings {
    private static final byte[] PREFIX = "build\tGO".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_KEY = 8;
    private static final int MAX_VALUE = 32;

    private final Map<String, String> values = new HashMap<>();
    private final StringBuilder key = new StringBuilder();
    private final StringBuilder value = new StringBuilder();
    private int matched;
    private State state = State.PREFIX;

    private enum State { PREFIX, KEY, VALUE }

    void feed(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            switch (state) {
                case PREFIX -> prefix(b);
                case KEY -> {
                    if (b == '=') {
                        state = State.VALUE;
                    } else if (b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
                        key.append((char) b);
                        if (key.length() > MAX_KEY) {
                            restart(b);
                        }
                    } else {
                        restart(b);
                    }
                }
                case VALUE -> {
                    if (b == '\n' || b == 0 || value.length() >= MAX_VALUE) {
                        values.putIfAbsent("GO" + key, value.toString());
                        restart(b);
                    } else {
                        value.append((char) (b & 0xff));
                    }
                }
            }
        }
    }

    private void prefix(byte b) {
        if (b == PREFIX[matched]) {
            matched++;
            if (matched == PREFIX.length) {
                matched = 0;
                state = State.KEY;
            }
        } else {
            // The prefix has no repeated start, so a mismatch restarts at this byte.
            matched = b == PREFIX[0] ? 1 : 0;
        }
    }

    private void restart(byte b) {
        key.setLength(0);
        value.setLength(0);
        state = State.PREFIX;
        matched = b == PREFIX[0] ? 1 : 0;
    }

    /** GOARM's level (5 to 7), null when absent; Go 1.22's ",softfloat" suffix is ignored. */
    Integer goArm() {
        String v = values.get("GOARM");
        return v != null && !v.isEmpty() && v.charAt(0) >= '5' && v.charAt(0) <= '7' ? v.charAt(0) - '0' : null;
    }

    /**
     * Every CPU-level setting Go has besides GOARM (Go's src/internal/buildcfg/cfg.go: GOAMD64
     * v1..v4; GOARM64 v8.0..v9.5 with ",lse" and ",crypto"; GOPPC64 power8, power9, power10;
     * GORISCV64 rva20u64, rva22u64, rva23u64; GO386 sse2 or softfloat; GOMIPS and GOMIPS64
     * hardfloat or softfloat), as written, by name.
     */
    Map<String, String> levels() {
        Map<String, String> out = new HashMap<>(values);
        out.keySet().retainAll(LEVELS);
        return out;
    }

    static final Set<String> LEVELS = Set.of("GOAMD64", "GOARM64", "GOPPC64", "GORISCV64", "GO386", "GOMIPS",
            "GOMIPS64");

    /** A setting's value as written, e.g. "v3" for GOAMD64; null when absent. */
    String get(String name) {
        return values.get(name);
    }
}
