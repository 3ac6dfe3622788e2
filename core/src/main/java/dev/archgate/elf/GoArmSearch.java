package dev.archgate.elf;

import java.nio.charset.StandardCharsets;

/**
 * Finds "build\tGOARM=N" in a Go program's build info (Go 1.18 and later) while the bytes stream
 * past, across chunk boundaries, in constant memory.
 */
final class GoArmSearch {
    private static final byte[] PATTERN = "build\tGOARM=".getBytes(StandardCharsets.US_ASCII);
    private int matched;
    private boolean expectDigit;
    private Integer value;

    void feed(byte[] bytes, int length) {
        for (int i = 0; i < length && value == null; i++) {
            byte b = bytes[i];
            if (expectDigit) {
                expectDigit = false;
                if (b >= '5' && b <= '7') {
                    value = b - '0';
                    return;
                }
            }
            if (b == PATTERN[matched]) {
                matched++;
                if (matched == PATTERN.length) {
                    matched = 0;
                    expectDigit = true;
                }
            } else {
                // The pattern has no repeated prefix, so a mismatch restarts at this byte.
                matched = b == PATTERN[0] ? 1 : 0;
            }
        }
    }

    Integer value() {
        return value;
    }
}
