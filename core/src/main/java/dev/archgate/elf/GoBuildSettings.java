package dev.archgate.elf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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

    /** A setting's value as written, e.g. "v3" for GOAMD64; null when absent. */
    String get(String name) {
        return values.get(name);
    }
}
