package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ElfScannerTest {

    @ParameterizedTest(name = "GOARCH={0} GOARM={1}")
    @CsvSource(nullValues = "-", value = {
        "amd64, -, 62, 64, LITTLE_ENDIAN",
        "arm64, -, 183, 64, LITTLE_ENDIAN",
        "arm, 7, 40, 32, LITTLE_ENDIAN",
        "arm, 5, 40, 32, LITTLE_ENDIAN",
        "386, -, 3, 32, LITTLE_ENDIAN",
        "s390x, -, 22, 64, BIG_ENDIAN",
        "ppc64le, -, 21, 64, LITTLE_ENDIAN",
        "riscv64, -, 243, 64, LITTLE_ENDIAN",
        "mips64le, -, 8, 64, LITTLE_ENDIAN"})
    void readsMachineClassAndByteOrderOfGoBinariesOfNineArchitectures(String goarch, String goarm, int machine, int elfClass, String order)
            throws Exception {
        ElfInfo elf = ElfScanner.scan(ElfSamples.go(goarch, goarm));

        assertThat(elf.kind()).isEqualTo(ElfInfo.Kind.ELF);
        assertThat(elf.machine()).isEqualTo(machine);
        assertThat(elf.elfClass()).isEqualTo(elfClass);
        assertThat(elf.byteOrder().toString()).isEqualTo(order);
        assertThat(elf.type()).isEqualTo(ElfInfo.ET_EXEC);
        assertThat(elf.interpreter()).isNull(); // CGO_ENABLED=0: static
    }

    @Test
    void readsTheLoaderOfDynamicallyLinkedDebianPrograms() throws IOException {
        assertThat(ElfScanner.scan(ElfSamples.debian("amd64", "hello", "usr/bin/hello")).interpreter()).isEqualTo("/lib64/ld-linux-x86-64.so.2");
        assertThat(ElfScanner.scan(ElfSamples.debian("arm64", "hello", "usr/bin/hello")).interpreter()).isEqualTo("/lib/ld-linux-aarch64.so.1");
        assertThat(ElfScanner.scan(ElfSamples.debian("armv7", "hello", "usr/bin/hello")).interpreter()).isEqualTo("/lib/ld-linux-armhf.so.3");
        assertThat(ElfScanner.scan(ElfSamples.debian("armv5", "hello", "usr/bin/hello")).interpreter()).isEqualTo("/lib/ld-linux.so.3");
        ElfInfo s390x = ElfScanner.scan(ElfSamples.debian("s390x", "hello", "usr/bin/hello"));
        assertThat(s390x.interpreter()).isEqualTo("/lib/ld64.so.1");
        assertThat(s390x.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(s390x.type()).isEqualTo(ElfInfo.ET_DYN); // Debian builds position-independent executables
    }

    @Test
    void goProgramsForArmCarryTheirGoarmInBuildInfoButNoAttributes() throws Exception {
        ElfInfo v7 = ElfScanner.scan(ElfSamples.go("arm", "7"));
        assertThat(v7.armCpuArch()).isNull();
        assertThat(v7.goArm()).isEqualTo(7);
        assertThat(ElfScanner.scan(ElfSamples.go("arm", "5")).goArm()).isEqualTo(5);
        assertThat(ElfScanner.scan(ElfSamples.go("arm64", null)).goArm()).isNull(); // only 32-bit ARM files are read through
        assertThat(ElfScanner.scan(ElfSamples.debian("armv7", "busybox", "bin/busybox")).goArm()).isNull();
    }

    @Test
    void readsTheArmArchitectureLevelFromGccsBuildAttributes() throws IOException {
        // Debian's armhf port targets ARMv7 (Tag_CPU_arch 10), armel ARMv5TE (4).
        assertThat(ElfScanner.scan(ElfSamples.debian("armv7", "busybox", "bin/busybox")).armCpuArch()).isEqualTo(10);
        assertThat(ElfScanner.scan(ElfSamples.debian("armv5", "busybox", "bin/busybox")).armCpuArch()).isEqualTo(4);
        assertThat(ElfScanner.scan(ElfSamples.debian("armv7", "hello", "usr/bin/hello")).flags() & 0x400).as("hard-float flag").isNotZero();
        assertThat(ElfScanner.scan(ElfSamples.debian("armv5", "hello", "usr/bin/hello")).flags() & 0x400).isZero();
    }

    @Test
    void everyTruncationOfARealHeaderIsMalformedOrNotElfAndNeverThrows() throws Exception {
        byte[] whole = Files.readAllBytes(ElfSamples.debian("arm64", "hello", "usr/bin/hello"));
        for (int length = 0; length <= 400; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(cut), length);
            assertThat(elf.kind()).as("prefix of %d bytes", length).isNotEqualTo(ElfInfo.Kind.ELF);
            if (length >= 4) {
                assertThat(elf.kind()).isEqualTo(ElfInfo.Kind.MALFORMED);
                assertThat(elf.problem()).isNotBlank();
            }
        }
    }

    @Test
    void hostileHeadersGiveATypedResultWithoutHugeAllocations() throws IOException {
        byte[] header = Files.readAllBytes(ElfSamples.debian("amd64", "hello", "usr/bin/hello"));
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(32, Long.MAX_VALUE - 10); // e_phoff near 2^63
        b.putShort(56, (short) 0xffff); // e_phnum 65535
        b.putLong(40, Long.MAX_VALUE); // e_shoff beyond the end
        ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(header), header.length);
        assertThat(elf.kind()).isEqualTo(ElfInfo.Kind.MALFORMED);
        assertThat(elf.problem()).contains("program headers");

        byte[] garbage = new byte[100_000];
        new Random(42).nextBytes(garbage);
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, garbage, 0, 7);
        ElfInfo noise = ElfScanner.scan(new ByteArrayInputStream(garbage), garbage.length);
        assertThat(noise.kind()).isIn(ElfInfo.Kind.MALFORMED, ElfInfo.Kind.ELF);
    }

    @Test
    void consumesExactlyTheEntrySoATarStreamStaysAligned() throws Exception {
        byte[] elf = Files.readAllBytes(ElfSamples.go("arm64", null));
        byte[] text = "#!/bin/sh\necho hi\n".getBytes();
        byte[] tiny = {0x7f, 'E'};
        for (byte[] content : new byte[][] {elf, text, tiny, Arrays.copyOf(elf, 30)}) {
            byte[] stream = Arrays.copyOf(content, content.length + 3);
            stream[content.length] = 'X';
            InputStream in = new ByteArrayInputStream(stream);
            ElfScanner.scan(in, content.length);
            assertThat(in.read()).as("byte after an entry of %d bytes", content.length).isEqualTo('X');
        }
    }

    @Test
    void aTextFileIsNotElf(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\nexec /app\n");
        assertThat(ElfScanner.scan(script).kind()).isEqualTo(ElfInfo.Kind.NOT_ELF);
    }
}
