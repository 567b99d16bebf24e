/// The body a benchmark message carries, `message_bytes` long.
///
/// Small sizes are inline value types (``InlinePayload``): copying them costs what copying
/// that many bytes costs, and they never allocate. Other sizes use ``HeapPayload``: one heap
/// allocation per message, so the allocation cost of big messages shows in `allocs_per_msg`
/// and in ns/msg. Every payload carries a *stamp* (producer and sequence) so the oracle can
/// detect a corrupted or mixed-up body, not only a wrong header.
public protocol BenchPayload: Sendable {
    /// Creates a payload of `byteCount` bytes, every word written (so the copy cost is real),
    /// stamped with `stamp`.
    init(byteCount: Int, stamp: UInt64)
    /// The stamp written at creation, read back by the consumer.
    var stamp: UInt64 { get }
}

/// A fixed-size value payload of `words` × 8 bytes, stored inline in the message.
public struct InlinePayload<let words: Int>: BenchPayload {
    public var storage: InlineArray<words, UInt64>

    @inlinable
    public init(byteCount: Int, stamp: UInt64) {
        storage = InlineArray(repeating: stamp)
    }

    @inlinable
    public var stamp: UInt64 { storage[words - 1] }
}

/// A heap-backed payload of any size: one allocation per message (an `[UInt8]` buffer),
/// filled at creation.
public struct HeapPayload: BenchPayload {
    public let bytes: [UInt8]

    @inlinable
    public init(byteCount: Int, stamp: UInt64) {
        var b = [UInt8](repeating: UInt8(truncatingIfNeeded: stamp), count: max(byteCount, 8))
        b.withUnsafeMutableBytes { $0.storeBytes(of: stamp, toByteOffset: 0, as: UInt64.self) }
        bytes = b
    }

    @inlinable
    public var stamp: UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self) } }
}

/// Which payload type carries a given `message_bytes`.
public enum PayloadLayout: Sendable, Equatable, CustomStringConvertible {
    /// A value type of exactly this many bytes, copied inline.
    case inline(bytes: Int)
    /// A heap buffer of this many bytes, allocated per message.
    case heap(bytes: Int)

    /// Sizes that have an inline type. Anything else (e.g. 1024, 4096, 65536, or 100) is heap-backed.
    public static let inlineSizes: [Int] = [8, 16, 32, 64, 128, 256]

    public init(messageBytes: Int) {
        self = PayloadLayout.inlineSizes.contains(messageBytes) ? .inline(bytes: messageBytes) : .heap(bytes: messageBytes)
    }

    public var description: String {
        switch self {
        case .inline(let b): return "inline \(b) B"
        case .heap(let b): return "heap \(b) B"
        }
    }
}
