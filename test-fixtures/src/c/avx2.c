/* A loop the compiler vectorises: built with -march=x86-64-v3 it is AVX2 code, which an x86-64
 * server older than Haswell cannot execute (SIGILL). -mneeded records the level in the GNU
 * property note (GNU_PROPERTY_X86_ISA_1_NEEDED), as distributions built for x86-64-v3 do. */
#include <stdio.h>

static int data[4096];

int main(int argc, char **argv) {
    (void)argv;
    for (int i = 0; i < 4096; i++) {
        data[i] = i * argc;
    }
    long sum = 0;
    for (int i = 0; i < 4096; i++) {
        sum += data[i] * 3 + (data[i] >> 2);
    }
    printf("sum %ld\n", sum);
    return 0;
}
