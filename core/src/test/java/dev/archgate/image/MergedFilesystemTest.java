package dev.archgate.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Overlay rules and symlink resolution over layers written as real tar streams. */
class MergedFilesystemTest {

    /** A layer under construction: tar entries written with commons-compress. */
    static final class Layer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        Layer file(String name, int mode, String content) throws IOException {
            byte[] data = content.getBytes(StandardCharsets.ISO_8859_1);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setMode(mode);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        }

        Layer dir(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        Layer symlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        Layer hardlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        List<LayerChange> read() throws IOException {
            tar.close();
            return LayerReader.read(new ByteArrayInputStream(bytes.toByteArray()), "sha256:test");
        }
    }

    private static MergedFilesystem merge(Layer... layers) throws IOException {
        List<List<LayerChange>> changes = new java.util.ArrayList<>();
        for (Layer l : layers) {
            changes.add(l.read());
        }
        return MergedFilesystem.merge(changes);
    }

    @Test
    void aWhiteoutDeletesTheLowerPathAndEverythingUnderIt() throws IOException {
        MergedFilesystem fs = merge(
                new Layer().dir("etc").file("etc/app.conf", 0644, "a").dir("opt/tool").file("opt/tool/bin", 0755, "x"),
                new Layer().file("etc/.wh.app.conf", 0644, "").file("opt/.wh.tool", 0644, ""));

        assertThat(fs.entry("/etc/app.conf")).isEmpty();
        assertThat(fs.entry("/etc")).isPresent();
        assertThat(fs.entry("/opt/tool")).isEmpty();
        assertThat(fs.entry("/opt/tool/bin")).isEmpty();
        assertThat(fs.all()).extracting(FileFacts::path).noneMatch(p -> p.contains(".wh."));
    }

    @Test
    void anOpaqueDirectoryHidesLowerContentsButKeepsItsOwnLayers() throws IOException {
        MergedFilesystem fs = merge(
                new Layer().dir("app").file("app/old.sh", 0755, "#!/bin/sh\n").file("app/keep", 0644, "k"),
                new Layer().dir("app").file("app/.wh..wh..opq", 0644, "").file("app/new.sh", 0755, "#!/bin/sh\n"));

        assertThat(fs.entry("/app/old.sh")).isEmpty();
        assertThat(fs.entry("/app/keep")).isEmpty();
        assertThat(fs.entry("/app/new.sh")).isPresent();
    }

    @Test
    void upperLayersWinAndAFileOverADirectoryHidesItsContents() throws IOException {
        MergedFilesystem fs = merge(
                new Layer().file("app", 0644, "v1").dir("data").file("data/x", 0644, "x"),
                new Layer().file("app", 0755, "#!/bin/sh\nv2").file("data", 0644, "now a file"));

        assertThat(fs.entry("/app").orElseThrow().isExecutable()).isTrue();
        assertThat(fs.entry("/app").orElseThrow().shebang()).isEqualTo("#!/bin/sh");
        assertThat(fs.entry("/data").orElseThrow().type()).isEqualTo(FileFacts.Type.FILE);
        assertThat(fs.entry("/data/x")).isEmpty();
    }

    @Test
    void aSymlinkToADeletedTargetNoLongerResolves() throws IOException {
        MergedFilesystem fs = merge(
                new Layer().dir("usr/bin").file("usr/bin/python3.11", 0755, "bin").symlink("usr/bin/python3", "python3.11"),
                new Layer().file("usr/bin/.wh.python3.11", 0644, ""));

        assertThat(fs.entry("/usr/bin/python3")).isPresent();
        Resolution r = fs.resolve("/usr/bin/python3");
        assertThat(r.found()).isFalse();
        assertThat(r.problem()).isEqualTo("/usr/bin/python3 leads to /usr/bin/python3.11, which does not exist");
    }

    @Test
    void symlinksResolveRelativeAbsoluteThroughDirectoriesAndNeverAboveRoot() throws IOException {
        MergedFilesystem fs = merge(new Layer()
                .dir("usr/lib/aarch64-linux-gnu").file("usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1", 0755, "elf")
                .symlink("lib", "usr/lib")
                .dir("lib64").symlink("lib64/ld.so", "../../../../lib/aarch64-linux-gnu/ld-linux-aarch64.so.1")
                .symlink("bin", "/usr/bin").dir("usr/bin").file("usr/bin/busybox", 0755, "bb").symlink("usr/bin/sh", "./busybox")
                .symlink("loop/a", "b").symlink("loop/b", "a"));

        assertThat(fs.resolve("/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1").facts().path()).isEqualTo("/usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1");
        assertThat(fs.resolve("/lib64/ld.so").facts().path()).isEqualTo("/usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1");
        assertThat(fs.which("sh", "/usr/local/bin:/bin").facts().path()).isEqualTo("/usr/bin/busybox");
        Resolution loop = fs.resolve("/loop/a");
        assertThat(loop.found()).isFalse();
        assertThat(loop.problem()).contains("more than 40 symlinks");
        assertThat(fs.which("python3", "/usr/bin:/bin").problem()).isEqualTo("python3 is not in any directory of PATH (/usr/bin:/bin)");
    }

    @Test
    void aHardLinkCarriesItsTargetsFactsAndCrlfShebangsKeepTheirCarriageReturn() throws IOException {
        MergedFilesystem fs = merge(new Layer().file("bin/tool", 0755, "#!/bin/sh\r\necho\r\n").hardlink("bin/tool2", "bin/tool")
                .file("notes.txt", 0644, "plain words\n").file("blob.bin", 0644, "\u0000\u0001binary"));

        assertThat(fs.entry("/bin/tool2").orElseThrow().shebang()).isEqualTo("#!/bin/sh\r");
        assertThat(fs.entry("/bin/tool2").orElseThrow().isExecutable()).isTrue();
        assertThat(fs.entry("/notes.txt").orElseThrow().text()).isTrue();
        assertThat(fs.entry("/blob.bin").orElseThrow().text()).isFalse();
    }
}
