// prctl is variadic, which Swift cannot call: this wrapper makes the one use callable.
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

#endif
