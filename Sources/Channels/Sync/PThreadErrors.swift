#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The symbolic name of a pthread return code (`EINVAL`, `EBUSY`, …) so that a failed
/// precondition says *which* contract was broken rather than printing a bare number.
func pthreadErrorName(_ code: Int32) -> String {
    switch code {
    case EINVAL: return "EINVAL"
    case EBUSY: return "EBUSY"
    case EAGAIN: return "EAGAIN"
    case EDEADLK: return "EDEADLK"
    case EPERM: return "EPERM"
    case ENOMEM: return "ENOMEM"
    case ETIMEDOUT: return "ETIMEDOUT"
    case EOWNERDEAD: return "EOWNERDEAD"
    case ENOTRECOVERABLE: return "ENOTRECOVERABLE"
    default: return "errno \(code)"
    }
}

/// Traps with the call's name and the errno name unless `code` is 0. pthread calls in this
/// package only fail on programming errors (a destroyed or foreign-owned mutex, a bad
/// attribute), so continuing would be undefined behaviour; failing loudly is the only option.
/// Inlinable (like every hot path a channel takes) so a package that depends on `Channels`
/// inlines the check; the message is built out of line, only on failure.
@inlinable @inline(__always)
func checkPThread(_ code: Int32, _ call: StaticString, file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(code != 0) { pthreadFailure(code, call, file: file, line: line) }
}

@usableFromInline @inline(never)
func pthreadFailure(_ code: Int32, _ call: StaticString, file: StaticString, line: UInt) -> Never {
    preconditionFailure("\(call) failed: \(pthreadErrorName(code))", file: file, line: line)
}
