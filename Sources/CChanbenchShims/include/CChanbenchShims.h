// C calls Swift cannot make for chanbench's child processes: prctl is variadic, memfd_create hidden
// behind _GNU_SOURCE.
#ifndef CCHANBENCH_SHIMS_H
#define CCHANBENCH_SHIMS_H

#if defined(__linux__)
#include <sys/prctl.h>
#include <signal.h>
#endif

/// Asks the kernel to send `sig` to this process when its parent dies (Linux); 0 on success,
/// -1 where unsupported.
static inline int chanbench_set_parent_death_signal(int sig) {
#if defined(__linux__)
    return prctl(PR_SET_PDEATHSIG, (unsigned long)sig, 0, 0, 0);
#else
    (void)sig;
    return -1;
#endif
}

/// A file that lives only in memory (Linux `memfd_create`), for a child's stdin; -1 on failure
/// or where unsupported.
int chanbench_anonymous_file(void);

/// Spends `iterations` loop iterations the optimizer cannot remove (an empty volatile asm per
/// iteration): a fixed, known amount of extra work per message for the injected-slowdown
/// self-checks. Inline, so it costs no call when `iterations` is known to be 0.
static inline void chanbench_spin(unsigned long iterations) {
    for (unsigned long i = 0; i < iterations; i++) {
        __asm__ __volatile__("");
    }
}

/// Pins the calling thread to CPU `cpu` (Linux `sched_setaffinity`); 0 on success, else an
/// errno value (ENOSYS where unsupported).
int chanbench_pin_current_thread(int cpu);

/// CPUs this process may run on (its affinity mask), in order, into `out` (at most `capacity`);
/// returns how many, or -1 on failure.
int chanbench_allowed_cpus(int *out, int capacity);

#endif
