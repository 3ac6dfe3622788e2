/* Atomic increments: built -march=armv8.1-a -mno-outline-atomics they are inline LSE (LDADDAL), by default outline-atomics calls. */
#include <stdio.h>
#include <stdatomic.h>
static _Atomic long counter;
int main(int argc, char **argv) {
    (void) argv;
    for (int i = 0; i < 3 + argc; i++) atomic_fetch_add(&counter, i);
    printf("counter %ld\n", (long) atomic_load(&counter));
    return 0;
}
