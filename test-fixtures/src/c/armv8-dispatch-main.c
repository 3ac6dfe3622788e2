/* Built for the platform's own level (ARMv7), linked against libarmv8crc.so.1: armv8-dispatch.c (it
 * chooses its ARMv8 code from HWCAP2) or armv8-nodispatch.c (it does not). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

uint32_t checksum(const uint8_t *p, size_t n);

int main(void) {
    const char *text = "123456789";
    printf("crc32 %08x\n", checksum((const uint8_t *) text, strlen(text)));
    return 0;
}
