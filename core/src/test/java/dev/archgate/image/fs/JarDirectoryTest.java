package dev.archgate.image.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A jar's shared objects as the layer reader keeps them, from its central directory. Source of
 * truth: the JDK's own zip writer (java.util.zip), whose deflated entries carry their sizes only
 * in data descriptors after the data, as {@code jar} writes them; the reader never inflates.
 */
class JarDirectoryTest {
    private static byte[] jar(int classes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < classes; i++) {
                zip.putNextEntry(new ZipEntry("org/example/C" + i + ".class"));
                zip.write(("class " + i).repeat(50).getBytes(StandardCharsets.UTF_8));
            }
            zip.putNextEntry(new ZipEntry("META-INF/native/libnetty_transport_native_epoll_aarch_64.so"));
            zip.write(new byte[4096]);
            zip.putNextEntry(new ZipEntry("META-INF/native/libnetty_transport_native_epoll_x86_64.so"));
            zip.write(new byte[4096]);
        }
        return out.toByteArray();
    }

    private static JarDirectory read(byte[] bytes) {
        return new ImageFiles().file("app/lib/x.jar", 0644, bytes).merged().entry("/app/lib/x.jar").orElseThrow().jar();
    }

    @Test
    void namesTheSharedObjectsOfAJarOfThousandsOfEntries() throws Exception {
        JarDirectory d = read(jar(5000));
        assertThat(d.problem()).isNull();
        assertThat(d.sharedObjects()).containsExactly("META-INF/native/libnetty_transport_native_epoll_aarch_64.so",
                "META-INF/native/libnetty_transport_native_epoll_x86_64.so");
    }

    @Test
    void readsAJarBehindALauncherScriptAsSpringBootWritesExecutableJars() throws Exception {
        byte[] script = "#!/bin/bash\nexec java -jar \"$0\" \"$@\"\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] jar = jar(10);
        byte[] both = new byte[script.length + jar.length];
        System.arraycopy(script, 0, both, 0, script.length);
        System.arraycopy(jar, 0, both, script.length, jar.length);
        assertThat(read(both).sharedObjects()).hasSize(2);
    }

    @Test
    void aFileNamedJarThatIsNoZipSaysSo() {
        JarDirectory d = read("not a zip at all, just text".repeat(10).getBytes(StandardCharsets.UTF_8));
        assertThat(d.sharedObjects()).isEmpty();
        assertThat(d.problem()).contains("no zip end-of-directory record");
    }
}
