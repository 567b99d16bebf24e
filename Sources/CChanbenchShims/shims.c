// memfd_create needs _GNU_SOURCE, which a header imported into Swift cannot set; the other
// wrappers live in the header.
#define _GNU_SOURCE
#include "CChanbenchShims.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

int chanbench_anonymous_file(void) {
#if defined(__linux__)
    return memfd_create("chanbench-request", MFD_CLOEXEC);
#else
    return -1;
#endif
}
