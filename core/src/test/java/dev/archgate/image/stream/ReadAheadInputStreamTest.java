package dev.archgate.image.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead stream hands on exactly its source's bytes while it refills chunk buffers the
 * reader has finished with: a buffer filled again too early would show here as bytes of a later
 * chunk in an earlier place. The source of truth is the source array itself.
 */
class ReadAheadInputStreamTest {
    @Test
    void everyByteArrivesInOrderAcrossRecycledChunksWhateverTheReadSizes() throws IOException {
        byte[] source = new byte[(int) (9.5 * (1 << 20))]; // nine and a half chunks: more than DEPTH + 2 buffers' worth
        new Random(26).nextBytes(source);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(source), "test")) {
            byte[] buffer = new byte[7919];
            Random sizes = new Random(7);
            while (true) {
                int how = sizes.nextInt(10);
                if (how == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    got.write(b);
                } else if (how == 1) {
                    int skipped = (int) in.skip(sizes.nextInt(3000));
                    got.write(source, got.size(), skipped); // skipped bytes are the source's at that place
                } else {
                    int n = in.read(buffer, 0, 1 + sizes.nextInt(buffer.length));
                    if (n < 0) {
                        break;
                    }
                    got.write(buffer, 0, n);
                }
            }
            assertThat(in.available()).isZero();
        }
        assertThat(got.toByteArray()).isEqualTo(source);
    }
}
