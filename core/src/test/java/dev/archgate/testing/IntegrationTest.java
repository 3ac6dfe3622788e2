package dev.archgate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the real host: Docker Engine, buildx, QEMU binfmt handlers
 * and the registry on 127.0.0.1:5000. Before the first test, {@link RealHostExtension} checks each
 * and fails (never skips) with the command that fixes it. Name such classes {@code *IT} so that
 * Failsafe runs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
@ExtendWith(RealHostExtension.class)
public @interface IntegrationTest {}
