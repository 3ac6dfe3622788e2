package dev.archgate.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QEMU binary reaches the container as a tar streamed from its file: one entry, executable, exactly its bytes. */
class QemuTarTest {
    @TempDir
    Path dir;

    private Path binary(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("qemu-aarch64-static"), bytes);
    }

    @Test
    void theTarHoldsTheBinaryAloneAsAnExecutableAtItsPlaceEveryTimeItIsOpened() throws IOException {
        for (int size : new int[] {0, 511, 512, 513, 3 * 1024 * 1024 + 7}) {
            Path file = binary(size);
            QemuTar tar = QemuTar.of(file, ".archgate/qemu");
            for (int copy = 0; copy < 2; copy++) { // one tar, streamed once per container
                try (TarArchiveInputStream in = new TarArchiveInputStream(tar.open())) {
                    TarArchiveEntry entry = in.getNextTarEntry();
                    assertThat(entry.getName()).isEqualTo(".archgate/qemu");
                    assertThat(entry.getMode() & 07777).isEqualTo(0755);
                    assertThat(entry.isFile()).isTrue();
                    assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(Files.readAllBytes(file));
                    assertThat(in.getNextTarEntry()).isNull();
                }
            }
            try (InputStream raw = tar.open()) {
                assertThat(raw.readAllBytes().length % 512).isZero(); // whole blocks, ending in the archive's zero blocks
            }
        }
    }

    @Test
    void aBinaryThatShrankAfterItsHeaderWasMadeFailsTheCopyInsteadOfBeingPaddedWithZeros() throws IOException {
        for (int left : new int[] {4000, 1000}) { // 96 bytes short would otherwise be completed by the padding
            Path file = binary(4096);
            QemuTar tar = QemuTar.of(file, ".archgate/qemu");
            Files.write(file, new byte[left]);
            try (InputStream raw = tar.open()) {
                assertThatThrownBy(raw::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("changed while it was copied");
            }
        }
    }

    /**
     * Source of truth: Linux's /proc/self/fd, whose links name the files this process holds open. Closing the tar must
     * close the binary's file at once, read to its end or not (a copy the engine refused), not at a later garbage
     * collection: a Jenkins agent copies QEMU into a container on every strict smoke run.
     */
    @Test
    void closingTheTarClosesTheBinarysFileAtOnceReadOrNot() throws IOException {
        Path file = binary(3 * 1024 * 1024);
        QemuTar tar = QemuTar.of(file, ".archgate/qemu");
        try (InputStream raw = tar.open()) {
            raw.readAllBytes();
        }
        try (InputStream raw = tar.open()) {
            raw.readNBytes(1024); // the engine stopped reading within the header's block
        }
        assertThat(openLinks()).as("files of this process after both tars were closed").doesNotContain(file.toRealPath().toString());
    }

    private static java.util.List<String> openLinks() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return ""; // the listing's own descriptor, closed by now
                }
            }).toList();
        }
    }

    @Test
    void aMissingBinaryIsRefusedWhenTheTarIsMade() {
        assertThatThrownBy(() -> QemuTar.of(dir.resolve("qemu-s390x-static"), ".archgate/qemu")).isInstanceOf(IOException.class)
                .hasMessageContaining("qemu-s390x-static");
    }
}
