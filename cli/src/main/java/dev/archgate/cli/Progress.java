package dev.archgate.cli;

import dev.archgate.gate.GateListener;

/** How a gate's progress is shown while it runs; closed before the summary is printed. */
interface Progress extends GateListener, AutoCloseable {
    @Override
    void close();
}
