package dev.archgate.image.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The JDK's connection errors often carry no message (java.net.http's ConnectException): the sentence must still say what happened, not the class. */
class TransportFaultsTest {
    @Test
    void aFaultWithoutAMessageIsNamedByWhatItMeans() {
        assertThat(TransportFaults.describe(new ConnectException())).isEqualTo("connection refused");
        assertThat(TransportFaults.describe(new SocketTimeoutException())).isEqualTo("timed out");
        assertThat(TransportFaults.describe(new java.io.IOException())).isEqualTo("no further detail");
        assertThat(TransportFaults.describe(new ConnectException("Connection refused\n\tat sun.nio.ch"))).isEqualTo("Connection refused");
    }
}
