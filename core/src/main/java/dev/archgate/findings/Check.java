package dev.archgate.findings;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stable check ids of the report contract. They appear in reports, in archgate.yml severity
 * overrides and in suppressions, so an id is never renamed.
 */
public enum Check {
    PLATFORM_MISSING("platform.missing"),
    PLATFORM_LABEL_MISMATCH("platform.label-mismatch"),
    ELF_ARCH_MISMATCH("elf.arch-mismatch"),
    ELF_ARM_LEVEL("elf.arm-level"),
    /** Code for a newer CPU than the platform variant's baseline (GOAMD64=v3 in linux/amd64, an x86 ISA note, GOARM64). */
    ELF_CPU_LEVEL("elf.cpu-level"),
    ENTRYPOINT_MISSING("entrypoint.missing"),
    ENTRYPOINT_NOT_EXECUTABLE("entrypoint.not-executable"),
    ENTRYPOINT_NO_SHEBANG("entrypoint.no-shebang"),
    INTERPRETER_MISSING("interpreter.missing"),
    SMOKE_EXEC_FORMAT_ERROR("smoke.exec-format-error"),
    SMOKE_EXIT_CODE("smoke.exit-code"),
    SMOKE_OUTPUT("smoke.output"),
    SMOKE_SIGNAL("smoke.signal"),
    SMOKE_TIMEOUT("smoke.timeout"),
    SMOKE_NOT_RUNNING("smoke.not-running"),
    /** The platform could not be checked because no working emulator runs its code here. */
    EMULATION_MISSING("emulation.missing", true),
    /** Strict emulation could not tell which program a smoke command starts, so it did not start it. */
    SMOKE_UNRESOLVED("smoke.unresolved", true),
    /** Strict emulation was switched off for the run: code of another architecture may have run natively. */
    EMULATION_NOT_STRICT("emulation.not-strict"),
    /** The Docker Engine failed (unreachable, died, an error of its own) while a platform was being checked. */
    ENGINE_FAILED("engine.failed", true),
    /** Work asked for a platform did not run to its end (nothing else says why), so it was not checked. */
    PLATFORM_NOT_CHECKED("platform.not-checked", true),
    /** The run was interrupted (SIGINT, SIGTERM, a cancelled GateRun) before this platform was checked to the end. */
    RUN_INTERRUPTED("run.interrupted", true),
    DOCKERFILE_FROM_PLATFORM_CONSTANT("dockerfile.from-platform-constant"),
    DOCKERFILE_HARDCODED_ARCH("dockerfile.hardcoded-arch"),
    POLICY_ROOT_USER("policy.root-user"),
    POLICY_SIZE_BUDGET("policy.size-budget"),
    /** The build of a platform failed (a step, or a base image without that platform): that platform is a proven failure. */
    BUILD_FAILED("build.failed"),
    POLICY_WASTED_BYTES("policy.wasted-bytes"),
    POLICY_BUILD_TOOLCHAIN("policy.build-toolchain"),
    POLICY_PACKAGE_CACHE("policy.package-cache"),
    /** USER names an account (or group) the image does not have: the runtime refuses to start the container. */
    USER_MISSING("user.missing"),
    /** A Python extension module (or the wheel it came from) of another architecture or C library where this platform's Python imports. */
    NATIVE_PYTHON_MODULE("native.python-module"),
    /** A Node add-on ({@code *.node}) of another architecture or C library that the package's loader would pick, or none for this platform. */
    NATIVE_NODE_ADDON("native.node-addon"),
    /** A jar whose JNI libraries are for other platforms and none for this one. */
    NATIVE_JNI("native.jni"),
    /** ELF segments (or a jemalloc) laid out for smaller memory pages than the platform's kernels use: they refuse to load, or abort. */
    ELF_PAGE_SIZE("elf.page-size"),
    /** The emulator crashed, not the program ("QEMU internal SIGSEGV"): the environment could not check the platform. */
    EMULATION_SUSPECT("emulation.suspect", true),
    /** A program or library the platform runs needs a symbol version (GLIBC_2.38, GLIBCXX_3.4.32) its library in the image does not define. */
    ELF_SYMBOL_VERSION("elf.symbol-version"),
    /** The program loader (PT_INTERP) and libc.so.6 of one variant come from different glibc builds. */
    ELF_LIBC_MISMATCH("elf.libc-mismatch"),
    /** A file of the entrypoint's chain differs in kind, emptiness, exec bit or presence between the variants of one image. */
    VARIANT_DIFFERS("variant.differs");

    private final String id;
    private final boolean environmental;

    Check(String id) {
        this(id, false);
    }

    Check(String id, boolean environmental) {
        this.id = id;
        this.environmental = environmental;
    }

    public String id() {
        return id;
    }

    /**
     * True when a finding of this check means "could not be checked here" rather than "the image
     * is broken": it turns a platform's verdict into error, never into pass or fail.
     */
    public boolean environmental() {
        return environmental;
    }

    public static Optional<Check> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
