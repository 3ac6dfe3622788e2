package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfExpectationTest {
    private static ElfMismatch mismatch(String platform, Path file) throws Exception {
        return mismatch(platform, ElfScanner.scan(file));
    }

    private static ElfMismatch mismatch(String platform, ElfInfo elf) {
        Platform p = Platform.parse(platform);
        return ElfExpectation.of(p).judge(elf, p).orElse(null);
    }

    private static Path armhfBusybox() throws Exception {
        return ElfSamples.debian("armhf", "busybox-static", "bin/busybox");
    }

    private static Path armelBusybox() throws Exception {
        return ElfSamples.debian("armel", "busybox-static", "bin/busybox");
    }

    @ParameterizedTest(name = "{0} runs Go's GOARCH={1}")
    @CsvSource(nullValues = "-", value = {
        "linux/amd64, amd64, -", "linux/arm64, arm64, -", "linux/arm/v7, arm, 7", "linux/arm/v6, arm, 6", "linux/arm/v5, arm, 5",
        "linux/386, 386, -", "linux/s390x, s390x, -", "linux/ppc64le, ppc64le, -", "linux/riscv64, riscv64, -",
        "linux/mips64le, mips64le, -"})
    void eachPlatformAcceptsItsOwnCode(String platform, String goarch, String goarm) throws Exception {
        ElfInfo elf = ElfScanner.scan(ElfSamples.go(goarch, goarm));
        assertThat(mismatch(platform, elf)).isNull();
        assertThat(ElfExpectation.builtFor(elf)).extracting(Platform::toString).containsExactly(platform);
    }

    @Test
    void debiansDynamicallyLinkedProgramsFitTheirPlatforms() throws Exception {
        assertThat(mismatch("linux/amd64", ElfSamples.debian("amd64", "hello", "usr/bin/hello"))).isNull();
        assertThat(mismatch("linux/arm64", ElfSamples.debian("arm64", "hello", "usr/bin/hello"))).isNull();
        assertThat(mismatch("linux/s390x", ElfSamples.debian("s390x", "hello", "usr/bin/hello"))).isNull();
        assertThat(mismatch("linux/ppc64le", ElfSamples.debian("ppc64el", "hello", "usr/bin/hello"))).isNull();
        assertThat(mismatch("linux/arm/v7", ElfSamples.debian("armhf", "hello", "usr/bin/hello"))).isNull();
        assertThat(mismatch("linux/arm/v5", ElfSamples.debian("armel", "hello", "usr/bin/hello"))).isNull();
    }

    @Test
    void foreignCodeIsAnArchitectureMismatchNamedInWords() throws Exception {
        ElfMismatch foreign = mismatch("linux/arm64", ElfSamples.go("amd64", null));
        assertThat(foreign.kind()).isEqualTo(ElfMismatch.Kind.ARCHITECTURE);
        assertThat(foreign.description()).isEqualTo("x86-64 code, but linux/arm64 runs AArch64 code");
        assertThat(mismatch("linux/ppc64le", ElfSamples.go("s390x", null)).description())
                .isEqualTo("s390x code, but linux/ppc64le runs PowerPC64 little-endian code");
        assertThat(mismatch("linux/amd64", ElfSamples.go("386", null)).description())
                .isEqualTo("32-bit x86 code, but linux/amd64 runs x86-64 code");
        assertThat(mismatch("linux/arm/v7", ElfSamples.go("arm64", null)).description())
                .isEqualTo("AArch64 code, but linux/arm/v7 runs 32-bit ARM code");
        assertThat(mismatch("linux/riscv64", ElfSamples.go("mips64le", null)).description())
                .isEqualTo("MIPS 64-bit little-endian code, but linux/riscv64 runs RISC-V 64-bit code");
    }

    @Test
    void theSameMachineInTheOtherByteOrderIsAnArchitectureMismatch() throws Exception {
        // A big-endian ppc64 file (Debian's ppc64 port, AIX-era distributions) on ppc64le.
        byte[] ppc64le = Files.readAllBytes(ElfSamples.debian("ppc64el", "hello", "usr/bin/hello"));
        ElfInfo le = ElfScanner.scan(new ByteArrayInputStream(ppc64le), ppc64le.length);
        ElfInfo be = new ElfInfo(le.kind(), le.elfClass(), ByteOrder.BIG_ENDIAN, le.machine(), le.flags(), le.type(), le.interpreter(),
                null, null, null, null, null, null, null);
        ElfMismatch m = mismatch("linux/ppc64le", be);
        assertThat(m.kind()).isEqualTo(ElfMismatch.Kind.ARCHITECTURE);
        assertThat(m.description()).isEqualTo("PowerPC64 big-endian code, but linux/ppc64le runs PowerPC64 little-endian code");
        assertThat(ElfExpectation.builtFor(be)).isEmpty();
    }

    @Test
    void armv7CodeInAnArmV6ImageIsAnArmLevelMismatch() throws Exception {
        ElfMismatch level = mismatch("linux/arm/v6", armhfBusybox());

        assertThat(level.kind()).isEqualTo(ElfMismatch.Kind.ARM_LEVEL);
        assertThat(level.description()).isEqualTo(
                "ARMv7 code (Tag_CPU_arch 10), but linux/arm/v6 runs at most ARMv6K; build with the variant's -march or GOARM");
        assertThat(mismatch("linux/arm/v7", armhfBusybox())).isNull();
        assertThat(mismatch("linux/arm/v8", armhfBusybox())).isNull();
        assertThat(mismatch("linux/arm/v5", armhfBusybox()).description()).startsWith("ARMv7 code (Tag_CPU_arch 10), but linux/arm/v5 runs at most ARMv5TEJ");
        assertThat(mismatch("linux/arm/v6", armelBusybox())).isNull();
        assertThat(mismatch("linux/arm/v5", armelBusybox())).isNull();
    }

    @Test
    void goArmInTheBuildInfoGivesTheLevelOfGoProgramsWhichCarryNoArmAttributes() throws Exception {
        ElfMismatch level = mismatch("linux/arm/v6", ElfSamples.go("arm", "7"));
        assertThat(level.kind()).isEqualTo(ElfMismatch.Kind.ARM_LEVEL);
        assertThat(level.description()).startsWith("ARMv7 code (Go, GOARM=7), but linux/arm/v6 runs at most ARMv6K");
        assertThat(mismatch("linux/arm/v5", ElfSamples.go("arm", "6")).description()).startsWith("ARMv6 code (Go, GOARM=6), but linux/arm/v5");
        assertThat(mismatch("linux/arm/v7", ElfSamples.go("arm", "5"))).isNull();
    }

    @Test
    void aHardFloatFileOfUnrecordedLevelNeedsAVfpUnitWhichArmV5Lacks() throws Exception {
        // Debian's armhf hello with its section headers cut off: only e_flags still say hard-float.
        byte[] hello = Files.readAllBytes(ElfSamples.debian("armhf", "hello", "usr/bin/hello"));
        ByteBuffer.wrap(hello).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 0);
        ElfInfo elf = ElfScanner.scan(new ByteArrayInputStream(hello), hello.length);
        assertThat(elf.armCpuArch()).isNull();

        ElfMismatch m = mismatch("linux/arm/v5", elf);
        assertThat(m.kind()).isEqualTo(ElfMismatch.Kind.ARM_LEVEL);
        assertThat(m.description()).startsWith("hard-float ARM code (EF_ARM_ABI_FLOAT_HARD: it needs a VFP unit), but linux/arm/v5 has none");
        assertThat(mismatch("linux/arm/v6", elf)).isNull(); // Raspberry Pi OS and Alpine armhf are ARMv6 with VFP
        assertThat(ElfExpectation.builtFor(elf)).extracting(Platform::toString).containsExactly("linux/arm/v6", "linux/arm/v7", "linux/arm/v8");
    }

    @Test
    void theRecordedArmLevelNamesTheLeastDemandingVariant() throws Exception {
        assertThat(ElfExpectation.builtFor(ElfScanner.scan(armhfBusybox()))).extracting(Platform::toString).containsExactly("linux/arm/v7");
        assertThat(ElfExpectation.builtFor(ElfScanner.scan(armelBusybox()))).extracting(Platform::toString).containsExactly("linux/arm/v5");
        assertThat(ElfExpectation.builtFor(ElfScanner.scan(ElfSamples.debian("s390x", "hello", "usr/bin/hello"))))
                .extracting(Platform::toString).containsExactly("linux/s390x");
        assertThat(ElfExpectation.builtFor(ElfScanner.scan(ElfSamples.debian("ppc64el", "hello", "usr/bin/hello"))))
                .extracting(Platform::toString).containsExactly("linux/ppc64le");
    }

    @Test
    void namesMachinesAndArmLevelsInWords() {
        assertThat(ElfExpectation.machineName(ElfExpectation.EM_X86_64, 64, ByteOrder.LITTLE_ENDIAN)).isEqualTo("x86-64");
        assertThat(ElfExpectation.machineName(ElfExpectation.EM_X86_64, 32, ByteOrder.LITTLE_ENDIAN)).isEqualTo("x32");
        assertThat(ElfExpectation.machineName(ElfExpectation.EM_AARCH64, 64, ByteOrder.LITTLE_ENDIAN)).isEqualTo("AArch64");
        assertThat(ElfExpectation.machineName(ElfExpectation.EM_S390, 64, ByteOrder.BIG_ENDIAN)).isEqualTo("s390x");
        assertThat(ElfExpectation.machineName(ElfExpectation.EM_LOONGARCH, 64, ByteOrder.LITTLE_ENDIAN)).isEqualTo("LoongArch 64-bit");
        assertThat(ElfExpectation.machineName(50, 64, ByteOrder.LITTLE_ENDIAN)).isEqualTo("ELF machine 50");
        assertThat(ElfExpectation.armLevelName(8)).isEqualTo("ARMv6T2");
        assertThat(ElfExpectation.armLevelName(22)).isEqualTo("ARMv9-A");
        assertThat(ElfExpectation.armLevelName(40)).isEqualTo("Tag_CPU_arch 40");
    }

    @Test
    void armV6AcceptsV6kButNotThumb2() {
        assertThat(ElfExpectation.of(Platform.parse("linux/arm/v6")).armLevels()).contains(7, 9).doesNotContain(8, 10);
        assertThat(ElfExpectation.of(Platform.parse("linux/arm/v7")).armLevels()).contains(8, 10).doesNotContain(13, 14);
        assertThat(ElfExpectation.of(Platform.parse("linux/arm/v8")).armLevels()).contains(14).doesNotContain(15, 16, 17);
        assertThat(ElfExpectation.of(Platform.parse("linux/arm64")).armLevels()).isEmpty();
    }

    @Test
    void codeForANewerX86LevelThanTheVariantPromisesIsACpuLevelMismatch() throws Exception {
        Path goV3 = ElfSamples.goAmd64("v3");
        ElfMismatch m = mismatch("linux/amd64", goV3);
        assertThat(m.kind()).isEqualTo(ElfMismatch.Kind.CPU_LEVEL);
        assertThat(m.description()).isEqualTo("x86-64-v3 code (Go, GOAMD64=v3), but linux/amd64 promises only x86-64-v1; "
                + "build with GOAMD64=v1, or publish it as linux/amd64/v3");
        assertThat(mismatch("linux/amd64/v2", goV3).description()).contains("promises only x86-64-v2", "GOAMD64=v2");
        assertThat(mismatch("linux/amd64/v3", goV3)).isNull();
        assertThat(mismatch("linux/amd64/v4", goV3)).isNull();
        assertThat(mismatch("linux/amd64", ElfSamples.goAmd64("v1"))).isNull();
        assertThat(ElfExpectation.builtFor(ElfScanner.scan(goV3))).extracting(Platform::toString).containsExactly("linux/amd64");

        Path cV3 = ElfSamples.gcc("avx2.c", "avx2-v3-static", "-O3", "-march=x86-64-v3", "-mneeded", "-static");
        assertThat(mismatch("linux/amd64", cV3).description()).isEqualTo("x86-64-v3 code (GNU property note: x86 ISA needed v3), but "
                + "linux/amd64 promises only x86-64-v1; build with -march=x86-64, or publish it as linux/amd64/v3");
        assertThat(mismatch("linux/amd64/v3", cV3)).isNull();
    }

    @Test
    void goarm64AboveTheArm64VariantIsACpuLevelMismatch() throws Exception {
        ElfInfo arm64 = ElfScanner.scan(ElfSamples.go("arm64", null));
        ElfInfo v82 = new ElfInfo(arm64.kind(), arm64.elfClass(), arm64.byteOrder(), arm64.machine(), arm64.flags(), arm64.type(), null, null,
                null, null, null, new dev.archgate.elf.CpuFacts(java.util.Map.of("GOARM64", "v8.2,lse"), null, null), null, null);
        assertThat(mismatch("linux/arm64", v82).description()).isEqualTo("ARMv8.2-A code (Go, GOARM64=v8.2,lse), but linux/arm64 promises "
                + "only ARMv8.0-A; build with GOARM64=v8.0, or publish it as linux/arm64/v8.2");
        assertThat(mismatch("linux/arm64/v8.2", v82)).isNull();
        assertThat(mismatch("linux/arm64/v9", v82)).isNull();
        assertThat(mismatch("linux/arm64/v8.1", v82)).isNotNull();
    }

    /**
     * Every Go level setting, written by Go 1.24 into a real program's build info (cmd/go's
     * cfg.GetArchEnv) and judged against the platform's baseline; values from Go's
     * src/internal/buildcfg/cfg.go. Go applies a setting to all of its code, so no dispatch excuses it.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}={2} on {3}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "-", value = {
        "arm64|GOARM64|v8.2|linux/arm64|ARMv8.2-A code (Go, GOARM64=v8.2)",
        "arm64|GOARM64|v8.2|linux/arm64/v8.2|-",
        "arm64|GOARM64|v8.0,lse|linux/arm64|code with ARMv8.1's LSE atomics (Go, GOARM64=v8.0,lse)",
        "arm64|GOARM64|v8.0,lse|linux/arm64/v8.1|-",
        "arm64|GOARM64|v8.0,crypto|linux/arm64/v8.2|code with the optional crypto instructions (Go, GOARM64=v8.0,crypto)",
        "arm64|GOARM64|v8.0|linux/arm64|-",
        "ppc64le|GOPPC64|power9|linux/ppc64le|POWER9 code (Go, GOPPC64=power9)",
        "ppc64le|GOPPC64|power10|linux/ppc64le|POWER10 code (Go, GOPPC64=power10)",
        "ppc64le|GOPPC64|power8|linux/ppc64le|-",
        "riscv64|GORISCV64|rva22u64|linux/riscv64|RVA22U64 code (Go, GORISCV64=rva22u64)",
        "riscv64|GORISCV64|rva20u64|linux/riscv64|-",
        "amd64|GOAMD64|v4|linux/amd64/v3|x86-64-v4 code (Go, GOAMD64=v4)",
        "386|GO386|softfloat|linux/386|-",
        "386|GO386|sse2|linux/386|-",
        "mips64le|GOMIPS64|softfloat|linux/mips64le|-",
    })
    void everyGoLevelSettingIsReadAndJudgedAgainstTheVariant(String goarch, String setting, String value, String platform, String found)
            throws Exception {
        ElfInfo elf = ElfScanner.scan(ElfSamples.goLevel(goarch, setting, value));
        assertThat(elf.cpu().go()).containsEntry(setting, value);
        ElfMismatch m = ElfExpectation.of(Platform.parse(platform)).judge(elf, Platform.parse(platform)).orElse(null);
        if (found == null) {
            assertThat(m).isNull();
        } else {
            assertThat(m.kind()).isEqualTo(ElfMismatch.Kind.CPU_LEVEL);
            assertThat(m.description()).startsWith(found);
            assertThat(m.wholeFile()).isTrue();
        }
    }

    @Test
    void goarmIsASettingForAllOfTheCodeAndTagCpuArchIsNot() throws Exception {
        ElfInfo goarm7 = ElfScanner.scan(ElfSamples.goLevel("arm", "GOARM", "7,softfloat"));
        assertThat(goarm7.goArm()).isEqualTo(7);
        ElfMismatch m = mismatch("linux/arm/v6", ElfSamples.goLevel("arm", "GOARM", "7,softfloat"));
        assertThat(m.kind()).isEqualTo(ElfMismatch.Kind.ARM_LEVEL);
        assertThat(m.wholeFile()).isTrue();
        assertThat(mismatch("linux/arm/v6", ElfSamples.debian("armhf", "busybox-static", "bin/busybox")).wholeFile()).isFalse();
    }
}
