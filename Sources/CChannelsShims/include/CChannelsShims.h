// Tiny C helpers the Channels library cannot write in Swift.
//
// - The futex system call is variadic (`syscall(SYS_futex, ...)`), and Swift cannot call
//   variadic C functions, so these `static inline` wrappers make it callable.
// - A CPU "pause" hint for spin loops, which Swift has no spelling for.
//
// Everything here is header-only and `static inline`, so the optimizer inlines it into the
// Swift callers; the .c file only exists because SwiftPM needs one source file per C target.
#ifndef CCHANNELS_SHIMS_H
#define CCHANNELS_SHIMS_H

#include <stdint.h>
#include <errno.h>
#include <time.h>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(__APPLE__)
#include <os/os_sync_wait_on_address.h>
#endif

/// Tells the CPU we are in a spin-wait loop: on x86 `pause` (frees pipeline resources for the
/// sibling hyper-thread and avoids a memory-order mis-speculation flush on exit), on ARM `yield`.
static inline void cchannels_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield" ::: "memory");
#else
    __asm__ __volatile__("" ::: "memory");
#endif
}

/// Sleeps while `*address == expected`, for at most `timeout_ns` nanoseconds of
/// CLOCK_MONOTONIC time (`timeout_ns < 0` means no limit).
/// Returns 0 when woken (possibly spuriously), or an errno value: EAGAIN (the word already
/// differed), ETIMEDOUT, EINTR. Callers must re-check their condition in every case.
static inline int cchannels_futex_wait(uint32_t *address, uint32_t expected, int64_t timeout_ns) {
#if defined(__linux__)
    struct timespec relative;
    struct timespec *timeout = NULL;
    if (timeout_ns >= 0) {
        relative.tv_sec = (time_t)(timeout_ns / 1000000000);
        relative.tv_nsec = (long)(timeout_ns % 1000000000);
        timeout = &relative;
    }
    // FUTEX_WAIT takes a *relative* timeout measured on CLOCK_MONOTONIC.
    long r = syscall(SYS_futex, address, FUTEX_WAIT_PRIVATE, expected, timeout, NULL, 0);
    return r == 0 ? 0 : errno;
#elif defined(__APPLE__)
    int r;
    if (timeout_ns >= 0) {
        if (timeout_ns == 0) return ETIMEDOUT;
        r = os_sync_wait_on_address_with_timeout(address, expected, sizeof(uint32_t),
                                                 OS_SYNC_WAIT_ON_ADDRESS_NONE,
                                                 OS_CLOCK_MACH_ABSOLUTE_TIME, (uint64_t)timeout_ns);
    } else {
        r = os_sync_wait_on_address(address, expected, sizeof(uint32_t), OS_SYNC_WAIT_ON_ADDRESS_NONE);
    }
    return r >= 0 ? 0 : errno;
#else
#error "CChannelsShims: no futex-like wait primitive for this platform"
#endif
}

/// Wakes at most `count` threads sleeping in `cchannels_futex_wait` on `address`
/// (`count == INT32_MAX` wakes all). Returns how many were woken where the OS says.
static inline int cchannels_futex_wake(uint32_t *address, int32_t count) {
#if defined(__linux__)
    return (int)syscall(SYS_futex, address, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
#elif defined(__APPLE__)
    if (count == 1) {
        return os_sync_wake_by_address_any(address, sizeof(uint32_t), OS_SYNC_WAKE_BY_ADDRESS_NONE) == 0 ? 1 : 0;
    }
    return os_sync_wake_by_address_all(address, sizeof(uint32_t), OS_SYNC_WAKE_BY_ADDRESS_NONE) == 0 ? count : 0;
#endif
}

#endif
