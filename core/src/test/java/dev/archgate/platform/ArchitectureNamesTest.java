package dev.archgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Architecture names as packagers put them into paths, swapped for the counterpart of another architecture. */
class ArchitectureNamesTest {
    @ParameterizedTest
    @CsvSource({
        // the bundle layouts of npm prebuilds, JNA, Python wheels, Debian multiarch, Electron, Go release archives
        "/app/node_modules/a/prebuilds/linux-x64/node.napi.node, amd64, arm64, /app/node_modules/a/prebuilds/linux-arm64/node.napi.node",
        "/opt/jna/linux-x86-64/libjnidispatch.so, amd64, arm64, /opt/jna/linux-aarch64/libjnidispatch.so",
        "/usr/lib/python3/_s.cpython-311-x86_64-linux-gnu.so, amd64, arm64, /usr/lib/python3/_s.cpython-311-aarch64-linux-gnu.so",
        "/usr/lib/x86_64-linux-gnu/libz.so.1, amd64, arm64, /usr/lib/aarch64-linux-gnu/libz.so.1",
        "/srv/dist/tool_linux_amd64/tool, amd64, arm64, /srv/dist/tool_linux_arm64/tool",
        "/opt/sdk/bin/linux-arm64/helper, arm64, amd64, /opt/sdk/bin/linux-x64/helper",
        "/usr/lib/arm-linux-gnueabihf/libc.so.6, arm, arm64, /usr/lib/aarch64-linux-gnu/libc.so.6",
        "/opt/lib/armv7l/libfoo.so, arm, amd64, /opt/lib/x86_64/libfoo.so",
        "/opt/lib/ppc64le/libfoo.so, ppc64le, s390x, /opt/lib/s390x/libfoo.so",
        "/opt/lib/i686/libfoo.so, 386, amd64, /opt/lib/x86_64/libfoo.so",
    })
    void swapsTheArchitectureWordForEachSpellingOfTheOther(String path, String from, String to, String expected) {
        assertThat(ArchitectureNames.counterparts(path, from, to)).contains(expected);
    }

    @Test
    void onlyWholeWordsAreArchitectureNames() {
        // "arm" inside "farm" or "armory", "x64" inside "ax64": no architecture is named there.
        assertThat(ArchitectureNames.counterparts("/srv/farm/armory/libx.so", "arm", "amd64")).isEmpty();
        assertThat(ArchitectureNames.counterparts("/opt/ax64/lib.so", "amd64", "arm64")).isEmpty();
        assertThat(ArchitectureNames.counterparts("/usr/lib/libvendor.so.1", "amd64", "arm64")).isEmpty();
    }

    @Test
    void everyOccurrenceCanBeSwappedTogetherOrAlone() {
        assertThat(ArchitectureNames.counterparts("/x86_64/linux-x64/a.so", "amd64", "arm64"))
                .contains("/aarch64/linux-aarch64/a.so", "/aarch64/linux-x64/a.so", "/x86_64/linux-arm64/a.so");
    }

    @ParameterizedTest
    @CsvSource({
        "aarch64-linux-gnu, arm64", "x86_64-linux-gnu, amd64", "arm-linux-gnueabihf, arm", "arm-linux-gnueabi, arm",
        "powerpc64le-linux-gnu, ppc64le", "s390x-linux-gnu, s390x", "riscv64-linux-gnu, riscv64", "i686-linux-gnu, 386",
        "x86_64-pc-linux-gnu, amd64", "aarch64-linux-musl, arm64", "mips64el-linux-gnuabi64, mips64le"
    })
    void gnuTripletsNameTheirArchitecture(String triplet, String arch) {
        assertThat(ArchitectureNames.ofTriplet(triplet)).contains(arch);
    }

    @Test
    void directoriesThatAreNoTripletNameNoArchitecture() {
        assertThat(ArchitectureNames.ofTriplet("share")).isEmpty();
        assertThat(ArchitectureNames.ofTriplet("x86_64-w64-mingw32")).isEmpty();
        assertThat(ArchitectureNames.ofTriplet("local")).isEmpty();
    }
}
