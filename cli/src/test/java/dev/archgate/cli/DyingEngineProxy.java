package dev.archgate.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fault injector, not an engine: a Unix socket that passes every byte to the real Docker Engine
 * until {@link #die()}, which closes every connection and the socket at once, as an engine that
 * crashes mid-run does. The shared engine of this machine cannot be stopped for a test.
 */
final class DyingEngineProxy implements AutoCloseable {
    private static final Path ENGINE = Path.of("/var/run/docker.sock");
    private final ServerSocketChannel server;
    private final Path socket;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    private DyingEngineProxy(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    static DyingEngineProxy start(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        DyingEngineProxy proxy = new DyingEngineProxy(server, socket);
        Thread accept = new Thread(proxy::accept, "dying-engine-accept");
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    private void accept() {
        try {
            while (server.isOpen()) {
                SocketChannel client = server.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(ENGINE));
                open.add(client);
                open.add(engine);
                pump(client, engine);
                pump(engine, client);
            }
        } catch (IOException closed) {
            // died
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
                to.shutdownOutput();
            } catch (IOException closed) {
                // one side went away
            }
        }, "dying-engine-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Every connection and the socket go away at once. */
    void die() {
        try {
            server.close();
            for (SocketChannel c : open) {
                c.close();
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        die();
    }
}
