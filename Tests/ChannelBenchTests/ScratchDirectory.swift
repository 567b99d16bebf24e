import Foundation

/// Runs `body` with a fresh directory under the system's temporary folder and removes it, with
/// everything in it, when `body` returns or throws: tests leave nothing behind in /tmp.
func withScratchDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "chanbench-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}
