/* A program that dies of SIGSEGV after its first line of output: a NULL dereference. */
#include <stdio.h>

int main(void) {
    volatile int *p = (int *)0;
    puts("starting");
    fflush(stdout);
    return *p;
}
