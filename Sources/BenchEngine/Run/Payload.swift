/// The body a benchmark message carries, `message_bytes` long.
///
/// Small sizes are inline value types (``InlinePayload8`` … ``InlinePayload256``): copying them costs what copying
/// that many bytes costs, and they never allocate. Other sizes use ``HeapPayload``: one heap
/// allocation per message, so the allocation cost of big messages shows in `allocs_per_msg`
/// and in ns/msg. Every payload carries a *stamp* (producer and sequence) so the oracle can
/// detect a corrupted or mixed-up body, not only a wrong header.
package protocol BenchPayload: Sendable {
    /// Creates a payload of `byteCount` bytes, every word written (so the copy cost is real),
    /// stamped with `stamp`.
    init(byteCount: Int, stamp: UInt64)
    /// The stamp written at creation, read back by the consumer.
    var stamp: UInt64 { get }
}

// Inline payloads: plain structs of UInt64 words (nested pairs for the larger sizes). Every
// word is written at creation; the stamp is read back from the last word. Deliberately no
// value generics (`InlineArray<n, …>` / `<let n: Int>`): a release build that specialized a
// cross-module channel for such an element crashed in our experiments, and plain tuples are
// laid out and copied exactly the same way.

/// 8 bytes inline.
package struct InlinePayload8: BenchPayload {
    package var word: UInt64
    @inlinable package init(byteCount: Int, stamp: UInt64) { word = stamp }
    @inlinable package var stamp: UInt64 { word }
}

/// 16 bytes inline.
package struct InlinePayload16: BenchPayload {
    package var words: (UInt64, UInt64)
    @inlinable package init(byteCount: Int, stamp: UInt64) { words = (stamp, stamp) }
    @inlinable package var stamp: UInt64 { words.1 }
}

/// 32 bytes inline.
package struct InlinePayload32: BenchPayload {
    package var words: (UInt64, UInt64, UInt64, UInt64)
    @inlinable package init(byteCount: Int, stamp: UInt64) { words = (stamp, stamp, stamp, stamp) }
    @inlinable package var stamp: UInt64 { words.3 }
}

/// 64 bytes inline.
package struct InlinePayload64: BenchPayload {
    package var low: InlinePayload32
    package var high: InlinePayload32
    @inlinable package init(byteCount: Int, stamp: UInt64) {
        low = InlinePayload32(byteCount: 32, stamp: stamp)
        high = InlinePayload32(byteCount: 32, stamp: stamp)
    }
    @inlinable package var stamp: UInt64 { high.stamp }
}

/// 128 bytes inline.
package struct InlinePayload128: BenchPayload {
    package var low: InlinePayload64
    package var high: InlinePayload64
    @inlinable package init(byteCount: Int, stamp: UInt64) {
        low = InlinePayload64(byteCount: 64, stamp: stamp)
        high = InlinePayload64(byteCount: 64, stamp: stamp)
    }
    @inlinable package var stamp: UInt64 { high.stamp }
}

/// 256 bytes inline.
package struct InlinePayload256: BenchPayload {
    package var low: InlinePayload128
    package var high: InlinePayload128
    @inlinable package init(byteCount: Int, stamp: UInt64) {
        low = InlinePayload128(byteCount: 128, stamp: stamp)
        high = InlinePayload128(byteCount: 128, stamp: stamp)
    }
    @inlinable package var stamp: UInt64 { high.stamp }
}

/// A heap-backed payload of any size: one allocation per message (an `[UInt8]` buffer),
/// filled at creation.
package struct HeapPayload: BenchPayload {
    package let bytes: [UInt8]

    @inlinable
    package init(byteCount: Int, stamp: UInt64) {
        var b = [UInt8](repeating: UInt8(truncatingIfNeeded: stamp), count: max(byteCount, 8))
        b.withUnsafeMutableBytes { $0.storeBytes(of: stamp, toByteOffset: 0, as: UInt64.self) }
        bytes = b
    }

    @inlinable
    package var stamp: UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self) } }
}

/// Which payload type carries a given `message_bytes`.
package enum PayloadLayout: Sendable, Equatable, CustomStringConvertible {
    /// A value type of exactly this many bytes, copied inline.
    case inline(bytes: Int)
    /// A heap buffer of this many bytes, allocated per message.
    case heap(bytes: Int)

    /// Sizes that have an inline type. Anything else (e.g. 1024, 4096, 65536, or 100) is heap-backed.
    package static let inlineSizes: [Int] = [8, 16, 32, 64, 128, 256]

    package init(messageBytes: Int) {
        self = PayloadLayout.inlineSizes.contains(messageBytes) ? .inline(bytes: messageBytes) : .heap(bytes: messageBytes)
    }

    package var description: String {
        switch self {
        case .inline(let b): return "inline \(b) B"
        case .heap(let b): return "heap \(b) B"
        }
    }
}
