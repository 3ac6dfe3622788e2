package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfScannerTest {
    private static final int GO_ARM_FLAGS = 0x05000002; // EABI version 5, no float-ABI flag

    @ParameterizedTest(name = "GOARCH={0} GOARM={1}")
    @CsvSource(nullValues = "-", value = {
        "amd64, -, 62, 64, LITTLE_ENDIAN, 0",
        "arm64, -, 183, 64, LITTLE_ENDIAN, 0",
        "arm, 5, 40, 32, LITTLE_ENDIAN, 0x05000002",
        "arm, 6, 40, 32, LITTLE_ENDIAN, 0x05000002",
        "arm, 7, 40, 32, LITTLE_ENDIAN, 0x05000002",
        "386, -, 3, 32, LITTLE_ENDIAN, 0",
        "s390x, -, 22, 64, BIG_ENDIAN, 0x1",
        "ppc64le, -, 21, 64, LITTLE_ENDIAN, 0x2",
        "riscv64, -, 243, 64, LITTLE_ENDIAN, 0x4",
        "mips64le, -, 8, 64, LITTLE_ENDIAN, 0x20000004"})
    void readsTheHeaderOfGoProgramsForTenTargets(String goarch, String goarm, int machine, int elfClass, String order, String flags)
            throws Exception {
        ElfInfo elf = ElfScanner.scan(ElfSamples.go(goarch, goarm));

        assertThat(elf.kind()).isEqualTo(ElfInfo.Kind.ELF);
        assertThat(elf.machine()).isEqualTo(machine);
        assertThat(elf.elfClass()).isEqualTo(elfClass);
        assertThat(elf.byteOrder()).hasToString(order);
        assertThat(elf.flags()).as("e_flags, as readelf -h shows them").isEqualTo(Integer.decode(flags));
        assertThat(elf.type()).isEqualTo(ElfInfo.ET_EXEC);
        assertThat(elf.interpreter()).isNull(); // CGO_ENABLED=0: static
        assertThat(elf.problem()).isNull();
    }

    @Test
    void goProgramsForArmCarryTheirGoarmInBuildInfoButNeitherAttributesNorAFloatAbi() throws Exception {
        for (String goarm : new String[] {"5", "6", "7"}) {
            ElfInfo elf = ElfScanner.scan(ElfSamples.go("arm", goarm));
            assertThat(elf.armCpuArch()).as("GOARM=%s", goarm).isNull(); // Go's linker writes no .ARM.attributes
            assertThat(elf.goArm()).isEqualTo(Integer.parseInt(goarm));
            assertThat(elf.flags()).isEqualTo(GO_ARM_FLAGS);
            assertThat(elf.armFloatAbi()).isEqualTo(ElfInfo.ArmFloatAbi.UNDECLARED);
        }
        assertThat(ElfScanner.scan(ElfSamples.go("arm64", null)).goArm()).isNull(); // only 32-bit ARM files are read through
        assertThat(ElfScanner.scan(ElfSamples.debian("armhf", "busybox-static", "bin/busybox")).goArm()).isNull();
    }

    @Test
    void readsTheLoaderOfDynamicallyLinkedDebianPrograms() throws Exception {
        assertThat(hello("amd64").interpreter()).isEqualTo("/lib64/ld-linux-x86-64.so.2");
        assertThat(hello("arm64").interpreter()).isEqualTo("/lib/ld-linux-aarch64.so.1");
        assertThat(hello("armhf").interpreter()).isEqualTo("/lib/ld-linux-armhf.so.3");
        assertThat(hello("armel").interpreter()).isEqualTo("/lib/ld-linux.so.3");
        assertThat(hello("ppc64el").interpreter()).isEqualTo("/lib64/ld64.so.2");
        assertThat(hello("ppc64el").flags()).as("ELFv2 ABI").isEqualTo(2);
        ElfInfo s390x = hello("s390x");
        assertThat(s390x.interpreter()).isEqualTo("/lib/ld64.so.1");
        assertThat(s390x.machine()).isEqualTo(22);
        assertThat(s390x.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(s390x.type()).isEqualTo(ElfInfo.ET_DYN); // Debian builds position-independent executables
        assertThat(ElfScanner.scan(ElfSamples.debian("armhf", "busybox-static", "bin/busybox")).interpreter()).isNull();
    }

    @Test
    void readsTheArmLevelAndFloatAbiThatGccRecordsForDebiansArmhfAndArmel() throws Exception {
        // busybox (1.2 and 1.8 MB) has its attributes in the tail window, hello (66 KB) is kept whole.
        for (Path armhf : new Path[] {ElfSamples.debian("armhf", "busybox-static", "bin/busybox"), ElfSamples.debian("armhf", "hello", "usr/bin/hello")}) {
            ElfInfo elf = ElfScanner.scan(armhf);
            assertThat(elf.armCpuArch()).as(armhf.toString()).isEqualTo(10); // ARMv7
            assertThat(elf.flags()).isEqualTo(0x05000400);
            assertThat(elf.armFloatAbi()).isEqualTo(ElfInfo.ArmFloatAbi.HARD);
        }
        for (Path armel : new Path[] {ElfSamples.debian("armel", "busybox-static", "bin/busybox"), ElfSamples.debian("armel", "hello", "usr/bin/hello")}) {
            ElfInfo elf = ElfScanner.scan(armel);
            assertThat(elf.armCpuArch()).as(armel.toString()).isEqualTo(4); // ARMv5TE
            assertThat(elf.flags()).isEqualTo(0x05000200);
            assertThat(elf.armFloatAbi()).isEqualTo(ElfInfo.ArmFloatAbi.SOFT);
        }
        assertThat(hello("arm64").armFloatAbi()).isEqualTo(ElfInfo.ArmFloatAbi.UNDECLARED);
    }

    @Test
    void attributesPushedOutOfTheTailWindowLeaveTheLevelUnknownNotAnError() throws Exception {
        // A payload appended after the section headers, as self-extracting programs do.
        byte[] busybox = Files.readAllBytes(ElfSamples.debian("armhf", "busybox-static", "bin/busybox"));
        byte[] padded = Arrays.copyOf(busybox, busybox.length + ElfScanner.TAIL + 1);

        ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(padded), padded.length);

        assertThat(elf.kind()).isEqualTo(ElfInfo.Kind.ELF);
        assertThat(elf.machine()).isEqualTo(40);
        assertThat(elf.armCpuArch()).isNull();
        assertThat(elf.flags()).isEqualTo(0x05000400);
    }

    @Test
    void everyTruncationOfARealHeaderRegionIsNamedPrecisely() throws Exception {
        // arm64 hello: 64-byte header, 9 program headers of 56 bytes at 64, PT_INTERP (27 bytes) at 568.
        byte[] whole = Files.readAllBytes(ElfSamples.debian("arm64", "hello", "usr/bin/hello"));
        for (int length = 0; length <= 700; length++) {
            ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(whole, 0, length), length);
            String at = "prefix of " + length + " bytes";
            if (length < 4) {
                assertThat(elf.kind()).as(at).isEqualTo(ElfInfo.Kind.NOT_ELF);
            } else if (length < 595) {
                assertThat(elf.kind()).as(at).isEqualTo(ElfInfo.Kind.MALFORMED);
                String expected = length < 16 ? "truncated ELF identification" : length < 64 ? "truncated ELF header"
                        : length < 568 ? "program headers (9 of 56 bytes at offset 64) run past the end" : "PT_INTERP at offset 568 runs past";
                assertThat(elf.problem()).as(at).contains(expected);
            } else {
                assertThat(elf.kind()).as(at).isEqualTo(ElfInfo.Kind.ELF);
                assertThat(elf.interpreter()).as(at).isEqualTo("/lib/ld-linux-aarch64.so.1");
            }
        }
    }

    @Test
    void aStreamThatEndsBeforeItsDeclaredSizeIsAnIoFailure() throws Exception {
        byte[] whole = Files.readAllBytes(ElfSamples.debian("arm64", "hello", "usr/bin/hello"));
        int cutInProgramHeaders = 300;
        assertThatThrownBy(() -> ElfScanner.scan(new ByteArrayInputStream(whole, 0, cutInProgramHeaders), whole.length))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void hostileHeadersGiveATypedResultWithoutHugeAllocations() throws Exception {
        byte[] hello = Files.readAllBytes(ElfSamples.debian("amd64", "hello", "usr/bin/hello"));

        ElfInfo huge = scanPatched(hello, b -> b.putLong(32, Long.MAX_VALUE - 10).putShort(56, (short) 0xffff).putLong(40, Long.MAX_VALUE));
        assertThat(huge.kind()).isEqualTo(ElfInfo.Kind.MALFORMED);
        assertThat(huge.problem()).contains("program headers (65535 of 56 bytes at offset 9223372036854775797) run past the end");
        assertThat(huge.machine()).isEqualTo(62); // what could be read is still told

        assertThat(scanPatched(hello, b -> b.putLong(32, -1)).problem()).contains("program headers").contains("18446744073709551615");
        assertThat(scanPatched(hello, b -> b.putShort(54, (short) 8)).problem()).isEqualTo("program header entries of 8 bytes (at least 56 expected)");
        assertThat(scanPatched(hello, b -> b.put(4, (byte) 3)).problem()).isEqualTo("unknown ELF class 3 (1 or 2 expected)");
        assertThat(scanPatched(hello, b -> b.put(5, (byte) 0)).problem()).isEqualTo("unknown ELF data encoding 0 (1 or 2 expected)");
        // Program header 1 is PT_INTERP: a 2^63-byte loader path and one far past the end.
        assertThat(scanPatched(hello, b -> b.putLong(64 + 56 + 32, Long.MIN_VALUE)).problem()).startsWith("PT_INTERP of 9223372036854775808 bytes");
        assertThat(scanPatched(hello, b -> b.putLong(64 + 56 + 8, Long.MAX_VALUE - 5)).problem()).startsWith("PT_INTERP at offset");
    }

    @Test
    void sectionHeadersPastTheEndLeaveTheArmLevelUnknown() throws Exception {
        byte[] busybox = Files.readAllBytes(ElfSamples.debian("armhf", "busybox-static", "bin/busybox"));
        for (int shoff : new int[] {-1, busybox.length, busybox.length - 10, 0}) {
            ElfInfo elf = scanPatched(busybox, b -> b.putInt(32, shoff));
            assertThat(elf.kind()).as("e_shoff %d", shoff).isEqualTo(ElfInfo.Kind.ELF);
            assertThat(elf.armCpuArch()).isNull();
            assertThat(elf.armFloatAbi()).isEqualTo(ElfInfo.ArmFloatAbi.HARD);
        }
        assertThat(scanPatched(busybox, b -> b.putShort(46, (short) 0xffff)).armCpuArch()).as("e_shentsize 65535").isNull();
    }

    @Test
    void corruptArmAttributesNeverThrowAndOnlyAnIntactSectionGivesALevel() throws Exception {
        byte[] hello = Files.readAllBytes(ElfSamples.debian("armhf", "hello", "usr/bin/hello"));
        int attributes = 0x1015c; // .ARM.attributes, 0x33 bytes (readelf -S)
        int length = 0x33;
        assertThat(hello[attributes]).isEqualTo((byte) 'A');
        Random random = new Random(7);
        Map<Integer, Integer> levels = new HashMap<>();
        for (int round = 0; round < 5000; round++) {
            byte[] copy = hello.clone();
            int from = attributes + random.nextInt(length);
            for (int i = from; i < from + 1 + random.nextInt(8) && i < attributes + length; i++) {
                copy[i] = (byte) random.nextInt(256);
            }
            ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(copy), copy.length);
            assertThat(elf.kind()).isEqualTo(ElfInfo.Kind.ELF);
            levels.merge(elf.armCpuArch() == null ? -1 : elf.armCpuArch(), 1, Integer::sum);
        }
        assertThat(levels).as("corruption before Tag_CPU_arch hides it, after it does not").containsKeys(-1, 10);
        byte[] noVersion = hello.clone();
        noVersion[attributes] = 'B';
        assertThat(ElfScanner.scan(new ByteArrayInputStream(noVersion), noVersion.length).armCpuArch()).isNull();
    }

    @Test
    void randomBytesBehindTheMagicGiveATypedResult() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            byte[] garbage = new byte[64 + random.nextInt(200_000)];
            random.nextBytes(garbage);
            boolean bigEndian = random.nextBoolean();
            System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', (byte) (1 + random.nextInt(2)), (byte) (bigEndian ? 2 : 1)}, 0, garbage, 0, 6);
            // EM_ARM, so that section headers and attributes are followed too
            garbage[bigEndian ? 19 : 18] = 40;
            garbage[bigEndian ? 18 : 19] = 0;
            ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(garbage), garbage.length);
            assertThat(elf.kind()).isIn(ElfInfo.Kind.MALFORMED, ElfInfo.Kind.ELF);
            assertThat(elf.kind() == ElfInfo.Kind.MALFORMED).isEqualTo(elf.problem() != null);
        }
    }

    @Test
    void consumesExactlyTheEntryWhateverTheReadsReturn() throws Exception {
        byte[] busybox = Files.readAllBytes(ElfSamples.debian("armhf", "busybox-static", "bin/busybox"));
        byte[] goArm = Files.readAllBytes(ElfSamples.go("arm", "7"));
        byte[] goArm64 = Files.readAllBytes(ElfSamples.go("arm64", null));
        byte[] hello = Files.readAllBytes(ElfSamples.debian("armel", "hello", "usr/bin/hello"));
        byte[] text = "#!/bin/sh\necho hi\n".getBytes();
        byte[] big = new byte[ElfScanner.FRONT + ElfScanner.TAIL + 1];
        byte[][] contents = {busybox, goArm, goArm64, hello, text, big, {}, {0x7f, 'E'}, Arrays.copyOf(goArm64, 30)};
        for (byte[] content : contents) {
            byte[] stream = Arrays.copyOf(content, content.length + 1);
            stream[content.length] = 'X';
            ElfInfo whole = ElfScanner.scan(new ByteArrayInputStream(stream), content.length);
            InputStream trickle = new Trickle(stream);

            ElfInfo piecemeal = ElfScanner.scan(trickle, content.length);

            assertThat(trickle.read()).as("byte after an entry of %d bytes", content.length).isEqualTo('X');
            assertThat(piecemeal).isEqualTo(whole);
        }
        assertThat(ElfScanner.scan(new ByteArrayInputStream(busybox), busybox.length).armCpuArch()).isEqualTo(10);
        assertThat(ElfScanner.scan(new ByteArrayInputStream(Arrays.copyOf(goArm64, 30)), 30).kind()).isEqualTo(ElfInfo.Kind.MALFORMED);
    }

    @Test
    void aTextFileIsNotElf(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\nexec /app\n");
        assertThat(ElfScanner.scan(script)).isEqualTo(ElfInfo.NOT_ELF);
    }

    @ParameterizedTest(name = "GOAMD64={0}")
    @CsvSource({"v1", "v2", "v3", "v4"})
    void goProgramsForAmd64CarryTheirGoamd64InBuildInfo(String level) throws Exception {
        ElfInfo elf = ElfScanner.scan(ElfSamples.goAmd64(level));
        assertThat(elf.cpu().goAmd64()).isEqualTo(level);
        assertThat(elf.cpu().goAmd64Level()).isEqualTo(level.charAt(1) - '0');
        assertThat(elf.cpu().x86IsaNeeded()).isNull(); // Go's linker writes no GNU property note
        assertThat(elf.goArm()).isNull();
    }

    @Test
    void goSettingsAreFoundAcrossChunkBoundariesAndOnlyInBuildLines() {
        byte[] text = "xxbuild\tGOOS=linux\nbuild\tGOAMD64=v3\nbuild\tGOARM64=v8.2,lse\nbuild\tGOARM=6\nbuild\tGOAMD64=v1\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int cut = 0; cut <= text.length; cut++) {
            GoBuildSettings settings = new GoBuildSettings();
            settings.feed(Arrays.copyOfRange(text, 0, cut), cut);
            settings.feed(Arrays.copyOfRange(text, cut, text.length), text.length - cut);
            assertThat(settings.get("GOAMD64")).as("cut at %d", cut).isEqualTo("v3"); // the first one counts
            assertThat(settings.get("GOARM64")).isEqualTo("v8.2,lse");
            assertThat(settings.goArm()).isEqualTo(6);
        }
        GoBuildSettings none = new GoBuildSettings();
        byte[] decoy = "GOAMD64=v3 build GOAMD64=v4 build\tGOAMD64".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        none.feed(decoy, decoy.length);
        assertThat(none.get("GOAMD64")).isNull();
    }

    /** gcc 12 writes GNU_PROPERTY_X86_ISA_1_NEEDED only with -mneeded; glibc's own objects say baseline. */
    @Test
    void readsTheX86IsaLevelFromTheGnuPropertyNote() throws Exception {
        ElfInfo v3 = ElfScanner.scan(ElfSamples.gcc("avx2.c", "avx2-v3-static", "-O3", "-march=x86-64-v3", "-mneeded", "-static"));
        assertThat(v3.cpu().x86IsaNeeded()).isEqualTo(0b111);
        assertThat(v3.cpu().x86IsaLevel()).isEqualTo(3);
        ElfInfo dynamic = ElfScanner.scan(ElfSamples.gcc("avx2.c", "avx2-v2-dynamic", "-O2", "-march=x86-64-v2", "-mneeded"));
        assertThat(dynamic.cpu().x86IsaLevel()).isEqualTo(2);
        assertThat(dynamic.interpreter()).isEqualTo("/lib64/ld-linux-x86-64.so.2");
        ElfInfo plain = ElfScanner.scan(ElfSamples.gcc("avx2.c", "avx2-plain", "-O3", "-march=x86-64-v3"));
        assertThat(plain.cpu().x86IsaLevel()).isEqualTo(1); // AVX2 code, but nothing records it: only the smoke run sees it
        assertThat(hello("amd64").cpu().x86IsaLevel()).isEqualTo(1);
        assertThat(hello("arm64").cpu()).isEqualTo(CpuFacts.NONE);
    }

    @Test
    void aPropertyNoteCutShortOrLyingAboutItsSizeRecordsNothing() throws Exception {
        byte[] good = Files.readAllBytes(ElfSamples.gcc("avx2.c", "avx2-v3-static", "-O3", "-march=x86-64-v3", "-mneeded", "-static"));
        int note = indexOf(good, new byte[] {4, 0, 0, 0, 16, 0, 0, 0, 5, 0, 0, 0, 'G', 'N', 'U', 0});
        assertThat(note).isPositive();
        for (int field = 0; field < 32; field += 4) {
            for (int value : new int[] {0, 3, 0x7fffffff, -1}) {
                byte[] bad = good.clone();
                ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(note + field, value);
                ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(bad), bad.length);
                Integer level = elf.cpu().x86IsaLevel();
                assertThat(level == null || level >= 1 && level <= 4).as("field %d = %d", field, value).isTrue();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ElfInfo hello(String debArch) throws Exception {
        return ElfScanner.scan(ElfSamples.debian(debArch, "hello", "usr/bin/hello"));
    }

    private interface Patch {
        void apply(ByteBuffer header);
    }

    /** Scans a copy of a real file with its header changed in place (in the file's byte order). */
    private static ElfInfo scanPatched(byte[] file, Patch patch) throws IOException {
        byte[] copy = file.clone();
        patch.apply(ByteBuffer.wrap(copy).order(copy[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN));
        return ElfScanner.scan(new ByteArrayInputStream(copy), copy.length);
    }

    /** A stream that returns at most a few KiB per read and skips at most a few per call, as slow sources do. */
    private static final class Trickle extends InputStream {
        private final Random random = new Random(1);
        private final InputStream bytes;

        Trickle(byte[] content) {
            bytes = new ByteArrayInputStream(content);
        }

        @Override
        public int read() throws IOException {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return bytes.read(b, off, Math.min(len, 1 + random.nextInt(4096)));
        }

        @Override
        public long skip(long n) throws IOException {
            return bytes.skip(Math.min(n, random.nextInt(5000)));
        }
    }
}
