// memfd_create needs _GNU_SOURCE, which a header imported into Swift cannot set; the other
// wrappers live in the header.
#define _GNU_SOURCE
#include "CChanbenchShims.h"

#if defined(__linux__)
#include <sys/mman.h>
#include <sched.h>
#endif
#include <errno.h>

int chanbench_anonymous_file(void) {
#if defined(__linux__)
    return memfd_create("chanbench-request", MFD_CLOEXEC);
#else
    return -1;
#endif
}

int chanbench_pin_current_thread(int cpu) {
#if defined(__linux__)
    if (cpu < 0 || cpu >= CPU_SETSIZE) return EINVAL;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? 0 : errno;
#else
    (void)cpu;
    return ENOSYS;
#endif
}

int chanbench_allowed_cpus(int *out, int capacity) {
#if defined(__linux__)
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    int n = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && n < capacity; cpu++) {
        if (CPU_ISSET(cpu, &set)) out[n++] = cpu;
    }
    return n;
#else
    (void)out; (void)capacity;
    return -1;
#endif
}
