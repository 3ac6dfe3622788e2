/* A library whose LSE atomics (built -march=armv8.1-a -mno-outline-atomics) run only where HWCAP says the CPU has them. */
#include <stdatomic.h>
#include <sys/auxv.h> /* HWCAP_ATOMICS: bit 8, the kernel's arch/arm64/include/uapi/asm/hwcap.h */

static _Atomic long counter;
static long plain;

__attribute__((noinline)) static long add_lse(long v) {
    return atomic_fetch_add(&counter, v);
}

__attribute__((noinline)) static long add_plain(long v) {
    long old = plain;
    plain += v;
    return old;
}

long bump(long v) {
    static long (*add)(long);
    if (add == 0) {
        add = (getauxval(AT_HWCAP) & HWCAP_ATOMICS) ? add_lse : add_plain;
    }
    return add(v);
}
