/* A library built -march=armv8-a+crc (so its Tag_CPU_arch says v8) whose ARMv8 code runs only
 * when the kernel's HWCAP2 says the CPU has the CRC32 instructions, the way libgcrypt chooses its
 * ARMv8 crypto code (hwf-arm.c): on an ARMv7 CPU the plain C loop runs instead. */
#include <stddef.h>
#include <stdint.h>
#include <sys/auxv.h>

#ifndef HWCAP2_CRC32
#define HWCAP2_CRC32 (1 << 4) /* arch/arm/include/uapi/asm/hwcap.h */
#endif

static uint32_t crc32_plain(uint32_t crc, const uint8_t *p, size_t n) {
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
        }
    }
    return crc;
}

static uint32_t crc32_armv8(uint32_t crc, const uint8_t *p, size_t n) {
    while (n--) {
        __asm__("crc32b %0, %0, %1" : "+r"(crc) : "r"((uint32_t) *p++));
    }
    return crc;
}

uint32_t checksum(const uint8_t *p, size_t n) {
    int fast = (getauxval(AT_HWCAP2) & HWCAP2_CRC32) != 0;
    return ~(fast ? crc32_armv8 : crc32_plain)(~0u, p, n);
}
