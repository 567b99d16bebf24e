import Testing
import Foundation
@testable import BenchSupport
@testable import BenchModel
@testable import BenchEngine

@Suite struct MemoryProbeTests {
    /// jemalloc's statistics are blank under ThreadSanitizer (it replaces the allocator).
    static var jemallocLive: Bool { JemallocStats.isAvailable }

    @Test(.enabled(if: jemallocLive)) func jemallocSeesSwiftAllocations() {
        let probe = MemoryProbe()
        let before = probe.read().allocatedBytes
        let block = [UInt8](repeating: 1, count: 8 << 20)
        let during = probe.read().allocatedBytes
        #expect(during - before >= 8 << 20, "jemalloc must be the process allocator")
        #expect(block.count == 8 << 20)
    }

    @Test func rssIsReported() {
        #expect(MemoryProbe().read().rssBytes > 1 << 20)
    }

    @Test func sharesCoverEveryMessageOnce() {
        for producers in 1...7 {
            var seen = [Int]()
            for p in 0..<producers {
                seen += Array(MemoryScenarioRunner.share(of: p, total: 1003, producers: producers))
            }
            #expect(seen == Array(0..<1003))
        }
    }

    @Test func fixedFormatting() {
        #expect(DecimalText.fixed(1.5, 3) == "1.500")
        #expect(DecimalText.fixed(-0.25, 2) == "-0.25")
        #expect(DecimalText.fixed(42, 0) == "42")
        #expect(DecimalText.fixed(0.0004, 3) == "0.000")
    }
}
