#if canImport(Glibc)
import Glibc
#endif

/// A `getrusage(RUSAGE_SELF)` snapshot: CPU time and context switches of the whole process
/// (every thread, including the harness's monitor thread, which sleeps almost all the time).
package struct ResourceUsage: Sendable {
    package var userSeconds: Double
    package var systemSeconds: Double
    package var voluntaryContextSwitches: Int
    package var involuntaryContextSwitches: Int
    /// `ru_maxrss` in bytes: the process's lifetime peak, so it never goes down.
    package var maxResidentBytes: Int

    package static func now() -> ResourceUsage {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return ResourceUsage(
            userSeconds: Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6,
            systemSeconds: Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6,
            voluntaryContextSwitches: Int(u.ru_nvcsw),
            involuntaryContextSwitches: Int(u.ru_nivcsw),
            maxResidentBytes: Int(u.ru_maxrss) * 1024)
    }

    /// `self - earlier`, field by field.
    package func since(_ earlier: ResourceUsage) -> ResourceUsage {
        ResourceUsage(userSeconds: userSeconds - earlier.userSeconds,
                      systemSeconds: systemSeconds - earlier.systemSeconds,
                      voluntaryContextSwitches: voluntaryContextSwitches - earlier.voluntaryContextSwitches,
                      involuntaryContextSwitches: involuntaryContextSwitches - earlier.involuntaryContextSwitches,
                      maxResidentBytes: maxResidentBytes)
    }
}
