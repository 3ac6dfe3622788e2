package dev.archgate.smoke;

import dev.archgate.image.fs.ProgramChain;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import java.util.List;
import java.util.Objects;

/**
 * One smoke test of one platform's variant, as {@link SmokeRunner#run} runs it. Built step by
 * step ({@link #of}), so a call reads as what it means.
 *
 * @param image a reference the engine can pull
 * @param chain what the command executes, resolved from the variant's files as the audit resolves it
 * @param argv the command (the image's entrypoint and cmd when the test names none)
 * @param execution how the platform's code runs
 */
public record SmokeRequest(String image, Platform platform, SmokeTest test, ProgramChain chain, List<String> argv, Execution execution) {
    public SmokeRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(chain, "chain");
        argv = List.copyOf(argv);
    }

    /**
     * @param nativeCode the platform's code runs without QEMU (hardware of its architecture, when no CPU level is emulated for it)
     * @param strict the entrypoint is started through the platform's own QEMU, so foreign code fails as on real hardware
     * @param cpuModel the QEMU CPU model a strict run emulates (the platform's baseline), null for QEMU's default
     */
    public record Execution(boolean nativeCode, boolean strict, String cpuModel) {}

    public static Builder of(String image, Platform platform, SmokeTest test) {
        return new Builder(image, platform, test);
    }

    /** Strict emulation and QEMU's default CPU unless told otherwise, as archgate runs by default. */
    public static final class Builder {
        private final String image;
        private final Platform platform;
        private final SmokeTest test;
        private ProgramChain chain;
        private List<String> argv = List.of();
        private boolean nativeCode;
        private boolean strict = true;
        private String cpuModel;

        private Builder(String image, Platform platform, SmokeTest test) {
            this.image = image;
            this.platform = platform;
            this.test = test;
        }

        /** What the test runs: its command and the program chain resolved for it. */
        public Builder program(ProgramChain chain, List<String> argv) {
            this.chain = chain;
            this.argv = argv;
            return this;
        }

        public Builder nativeCode(boolean v) {
            nativeCode = v;
            return this;
        }

        public Builder strict(boolean v) {
            strict = v;
            return this;
        }

        public Builder cpuModel(String v) {
            cpuModel = v;
            return this;
        }

        public SmokeRequest build() {
            return new SmokeRequest(image, platform, test, chain, argv, new Execution(nativeCode, strict, cpuModel));
        }
    }
}
