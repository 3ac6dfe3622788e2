package dev.archgate.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The source of truth is report/Check (the contract's ids) and report.json's "outcome" field, which says "passed" or a check id. */
class SmokeOutcomeTest {
    @Test
    void everyOutcomeIsWrittenAsTheIdItIsReadFrom() {
        assertThat(SmokeOutcome.fromId("passed")).contains(SmokeOutcome.PASSED);
        assertThat(SmokeOutcome.PASSED.id()).isEqualTo("passed");
        for (Check c : Check.values()) {
            SmokeOutcome o = SmokeOutcome.failedBy(c);
            assertThat(o.id()).isEqualTo(c.id());
            assertThat(SmokeOutcome.fromId(c.id())).contains(o);
            assertThat(o.environmental()).isEqualTo(c.environmental());
            assertThat(o.check()).contains(c);
            assertThat(o.passed()).isFalse();
        }
        assertThat(SmokeOutcome.fromId("smoke.no-such-check")).isEmpty();
    }

    @Test
    void aPassIsNoCheckAndNotEnvironmental() {
        assertThat(SmokeOutcome.PASSED.passed()).isTrue();
        assertThat(SmokeOutcome.PASSED.check()).isEmpty();
        assertThat(SmokeOutcome.PASSED.environmental()).isFalse();
        assertThat(SmokeOutcome.PASSED.is(Check.SMOKE_EXIT_CODE)).isFalse();
    }

    @Test
    void anOutcomeSentToAnotherJvmIsTheSameOutcome() throws IOException, ClassNotFoundException {
        // Every report type is Serializable (SmokeResult among them): equality may not rest on one JVM's instances.
        for (SmokeOutcome o : new SmokeOutcome[] {SmokeOutcome.PASSED, SmokeOutcome.failedBy(Check.ENGINE_FAILED)}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                SmokeOutcome back = (SmokeOutcome) in.readObject();
                assertThat(back).isEqualTo(o);
                assertThat(back.passed()).isEqualTo(o.passed());
            }
        }
    }
}
