// Counts heap allocations of the whole process by defining the malloc family in the executable:
// the dynamic linker binds every library's malloc calls (the Swift runtime's included) to the
// executable's definitions first. Each one bumps one relaxed atomic and forwards to glibc's
// own allocator (its exported __libc_* entry points), so no thread cache can hide a request,
// whichever thread (a pool thread running a task included) makes it.
// Why not jemalloc statistics as the root package reads them: jemalloc merges a thread's
// request counts only when that thread's cache flushes, and the cooperative pool's threads
// cannot be made to flush on demand.
#include "CAllocCounter.h"
#include <stddef.h>
#include <errno.h>

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void *__libc_valloc(size_t);
extern void *__libc_pvalloc(size_t);
extern void __libc_free(void *);

static uint64_t counter;

static inline void count_one(void) { __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED); }

void *malloc(size_t size) { count_one(); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { count_one(); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { count_one(); return __libc_realloc(p, size); }
void free(void *p) { __libc_free(p); }
void *memalign(size_t alignment, size_t size) { count_one(); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { count_one(); return __libc_memalign(alignment, size); }
void *valloc(size_t size) { count_one(); return __libc_valloc(size); }
void *pvalloc(size_t size) { count_one(); return __libc_pvalloc(size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_one();
    void *p = __libc_memalign(alignment, size);
    if (p == NULL) return ENOMEM;
    *out = p;
    return 0;
}

uint64_t alloc_counter_total(void) { return __atomic_load_n(&counter, __ATOMIC_RELAXED); }

#else
uint64_t alloc_counter_total(void) { return 0; }
#endif
