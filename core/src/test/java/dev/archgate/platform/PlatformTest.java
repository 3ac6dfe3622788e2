package dev.archgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "linux/amd64, linux/amd64", "x86_64, linux/amd64", "linux/x86_64, linux/amd64", "amd64/v1, linux/amd64",
        "linux/arm64, linux/arm64", "aarch64, linux/arm64", "linux/arm64/v8, linux/arm64",
        "linux/arm, linux/arm/v7", "armhf, linux/arm/v7", "linux/armhf, linux/arm/v7", "armel, linux/arm/v6", "linux/arm/v5, linux/arm/v5",
        "ppc64el, linux/ppc64le", "LINUX/S390X, linux/s390x", "i386, linux/386", "linux/riscv64, linux/riscv64", "linux/amd64/v3, linux/amd64/v3",
        "linux/arm/7, linux/arm/v7", "arm/6, linux/arm/v6", "linux/arm64/8, linux/arm64", "armhf/7, linux/arm/v7", "armv6l, linux/arm/v6",
        "linux/i686, linux/386", "mips64le, linux/mips64le", "linux/loong64, linux/loong64", " linux/arm64 , linux/arm64"})
    void normalisesTheUsualSpellings(String text, String normal) {
        assertThat(Platform.parse(text)).hasToString(normal);
    }

    @Test
    void unknownPlatformsNameTheAcceptedForms() {
        for (String bad : new String[] {"linux/sparc", "windows/amd64", "linux/arm/v9", "", "linux//arm64", "a/b/c/d", "armhf/v6",
                "linux/arm64/5", "linux/386/v2", "linux"}) {
            assertThatThrownBy(() -> Platform.parse(bad)).as(bad).isInstanceOf(UnknownPlatformException.class)
                    .hasMessageContaining("unknown platform '" + bad + "'").hasMessageContaining(Platform.ACCEPTED_FORMS);
        }
        assertThatThrownBy(() -> Platform.parseList("linux/amd64, linux/sparc64"))
                .isInstanceOf(UnknownPlatformException.class).hasMessageStartingWith("unknown platform 'linux/sparc64': use os/arch[/variant], one of linux/amd64");
        assertThatThrownBy(() -> Platform.parseList(" , ")).isInstanceOf(UnknownPlatformException.class);
    }

    @Test
    void eachPlatformHasItsQemuName() {
        assertThat(Platform.parseList("amd64 arm64 arm/v6 386 ppc64le s390x riscv64 mips64le loong64"))
                .extracting(Platform::qemuArch)
                .containsExactly("x86_64", "aarch64", "arm", "i386", "ppc64le", "s390x", "riscv64", "mips64el", "loongarch64");
    }

    @Test
    void listsKeepOrderAndDropRepeats() {
        assertThat(Platform.parseList("linux/arm64, aarch64 linux/amd64")).extracting(Platform::toString)
                .containsExactly("linux/arm64", "linux/amd64");
    }

    @Test
    void labelsWithoutAVariantMatchAnyVariantOfTheirArchitecture() {
        Platform armv7 = Platform.parse("linux/arm/v7");
        assertThat(armv7.matchesLabel("linux", "arm", "")).isTrue();
        assertThat(armv7.matchesLabel("linux", "arm", "v7")).isTrue();
        assertThat(armv7.matchesLabel("linux", "arm", "v6")).isFalse();
        assertThat(armv7.matchesLabel("linux", "arm", "7")).as("containerd's spelling").isTrue();
        assertThat(Platform.parse("linux/arm64").matchesLabel("linux", "arm64", "v8")).isTrue();
        assertThat(Platform.parse("linux/arm64").matchesLabel("linux", "amd64", null)).isFalse();
    }
}
