package dev.archgate.host;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A second process for {@link BinfmtLockTest}: holds the lock file exclusively until its standard input ends. */
public final class ExclusiveHolder {
    private ExclusiveHolder() {}

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); var lock = channel.lock()) {
            System.out.println("held");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
