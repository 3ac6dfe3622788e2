/* Executes an ARMv8 A32 instruction (LDA, load-acquire) in main, unconditionally: built with
 * -march=armv8-a it runs on ARMv8 cores and dies of SIGILL on ARMv7 ones (QEMU's cortex-a8). */
#include <stdio.h>

int main(int argc, char **argv) {
    (void) argv;
    unsigned int value = (unsigned int) argc, loaded;
    __asm__ volatile("lda %0, [%1]" : "=r"(loaded) : "r"(&value) : "memory");
    printf("loaded %u\n", loaded);
    return 0;
}
