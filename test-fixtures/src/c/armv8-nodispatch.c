/* The same CRC32 code as armv8-dispatch.c, run unconditionally: built -march=armv8-a+crc, a
 * program that loads it dies of SIGILL on an ARMv7 CPU the first time it calls checksum(). */
#include <stddef.h>
#include <stdint.h>

uint32_t checksum(const uint8_t *p, size_t n) {
    uint32_t crc = ~0u;
    while (n--) {
        __asm__("crc32b %0, %0, %1" : "+r"(crc) : "r"((uint32_t) *p++));
    }
    return ~crc;
}
