package dev.archgate.testing;

import dev.archgate.host.Host;

/** The host of the test JVM, from its environment, as the CLI builds it; shared by the tests of one JVM as by a long-lived agent's builds. */
public final class TestHost {
    public static final Host HOST = Host.of(System.getenv());

    private TestHost() {}
}
