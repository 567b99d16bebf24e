//! Process counters read around the timed window: getrusage and VmHWM.

// getrusage is in the C library std already links; no libc crate is needed
// (Debian offers none offline here). This layout is Linux's on 64-bit targets.
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
compile_error!("the reference reads struct rusage with the 64-bit Linux layout");

#[repr(C)]
#[derive(Default, Clone, Copy)]
struct Timeval {
    sec: i64,
    usec: i64,
}

#[repr(C)]
#[derive(Default)]
struct Rusage {
    utime: Timeval,
    stime: Timeval,
    maxrss: i64,
    ixrss: i64,
    idrss: i64,
    isrss: i64,
    minflt: i64,
    majflt: i64,
    nswap: i64,
    inblock: i64,
    oublock: i64,
    msgsnd: i64,
    msgrcv: i64,
    nsignals: i64,
    nvcsw: i64,
    nivcsw: i64,
}

extern "C" {
    fn getrusage(who: i32, usage: *mut Rusage) -> i32;
}

const RUSAGE_SELF: i32 = 0;

/// A getrusage(RUSAGE_SELF) snapshot: all threads of the process.
#[derive(Clone, Copy, Default)]
pub struct Usage {
    pub user_s: f64,
    pub sys_s: f64,
    pub voluntary: i64,
    pub involuntary: i64,
}

pub fn read_usage() -> Usage {
    let mut ru = Rusage::default();
    // SAFETY: ru is a valid, writable struct rusage for this target.
    if unsafe { getrusage(RUSAGE_SELF, &mut ru) } != 0 {
        return Usage::default();
    }
    Usage {
        user_s: ru.utime.sec as f64 + ru.utime.usec as f64 / 1e6,
        sys_s: ru.stime.sec as f64 + ru.stime.usec as f64 / 1e6,
        voluntary: ru.nvcsw,
        involuntary: ru.nivcsw,
    }
}

/// Asks Linux to reset VmHWM to the current RSS so each run reports its own
/// peak; if the kernel refuses, VmHWM stays the process-lifetime peak.
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// VmHWM from /proc/self/status in bytes (0 when unavailable).
pub fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}
