/*
 * A riscv64 program without a C library (-nostdlib -ffreestanding), so the Tag_RISCV_arch the linker
 * writes is this file's -march alone: built -march=rv64gcv it records V 1.0 and executes one vector
 * instruction (vsetvli) before it prints, so it dies of SIGILL where V is absent (QEMU's rv64 without
 * v=true, StarFive JH7110, SiFive FU740, T-Head C906); built -march=rv64gc it prints and exits 0.
 */
static long sys(long n, long a, long b, long c) {
    register long a7 __asm__("a7") = n, a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2) : "memory");
    return a0;
}
void _start(void) {
    long vl = 0;
#ifdef __riscv_vector
    __asm__ volatile("vsetvli %0, zero, e8, m1, ta, ma" : "=r"(vl));
#endif
    static const char msg[] = "hello from riscv64\n";
    sys(64, 1, (long) msg, sizeof msg - 1); /* write and exit: Linux riscv64 syscall numbers 64 and 93 */
    sys(93, vl < 0, 0, 0);
    for (;;) {}
}
