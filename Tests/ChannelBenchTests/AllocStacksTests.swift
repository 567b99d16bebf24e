import Foundation
import Testing
@testable import BenchSupport
@testable import BenchEngine

/// `run --alloc-stacks`' arithmetic: jemalloc dumps read, jemalloc's own frames dropped, start-up
/// separated from per-message sites by the two message counts.
@Suite struct AllocStacksTests {
    /// A jemalloc dump of a process loaded at `base`: `perMessage` objects from `push` (called
    /// from `produce`) for each of `messages`, and 40 at start-up from `main`, each stack
    /// beginning with two frames inside jemalloc.
    static func dump(messages: Int, perMessage: Int, base: UInt64) -> String {
        func hex(_ offset: UInt64) -> String { "0x" + String(base + offset, radix: 16) }
        let je = "\(hex(0x100_010)) \(hex(0x100_020))"
        let perMessageCount = messages * perMessage
        return """
        heap_v2/1
          t*: 3: 192 [\(40 + perMessageCount): 9999]
          t0: 3: 192 [\(40 + perMessageCount): 9999]
        @ \(je) \(hex(0x1_010)) \(hex(0x1_020))
          t*: 0: 0 [\(perMessageCount): 64]
          t0: 0: 0 [\(perMessageCount): 64]
        @ \(je) \(hex(0x2_010))
          t*: 1: 64 [40: 2560]
          t0: 1: 64 [40: 2560]

        MAPPED_LIBRARIES:
        \(String(base, radix: 16))-\(String(base + 0x3000, radix: 16)) r-xp 00000000 fe:00 1   /x/chanbench
        \(String(base + 0x100_000, radix: 16))-\(String(base + 0x101_000, radix: 16)) r-xp 00000000 fe:00 2   /usr/lib/libjemalloc.so.2
        7ffd0000-7ffd1000 rw-p 00000000 00:00 0   [stack]
        """
    }

    /// What `llvm-symbolizer` would say for the fake binary, by file offset.
    static func name(_ dump: JemallocHeapDump) -> (UInt64) -> String? {
        { address in
            guard let m = dump.mapping(of: address) else { return nil }
            switch address - m.base {
            case 0x1_010: return "$s5Queue4pushyyF (Queue.swift:9)"
            case 0x1_020: return "$s6Driver7produceyyF (Driver.swift:3)"
            case 0x2_010: return "main (main.swift:1)"
            default: return "?? (in \(m.path))"
            }
        }
    }

    static func profile(messages: Int, perMessage: Int, base: UInt64) throws -> HeapProfile {
        let dump = try JemallocHeapDump(text: Self.dump(messages: messages, perMessage: perMessage, base: base))
        return HeapProfile(dump, frameName: name(dump))
    }

    @Test func readsStacksWithoutJemallocFramesAndWithFileAddresses() throws {
        let dump = try JemallocHeapDump(text: Self.dump(messages: 10, perMessage: 2, base: 0x5555_0000_0000))
        #expect(dump.stacks.map(\.objects) == [20, 40])
        #expect(dump.stacks[0].addresses == [0x5555_0000_1010, 0x5555_0000_1020])
        #expect(dump.mapping(of: 0x5555_0000_1010)?.base == 0x5555_0000_0000)
        #expect(dump.mappings.map(\.path) == ["/x/chanbench", "/usr/lib/libjemalloc.so.2"])
        // Another load address, the same named stacks.
        #expect(try Self.profile(messages: 10, perMessage: 2, base: 0x5555_0000_0000)
                == Self.profile(messages: 10, perMessage: 2, base: 0x7777_0000_0000))
    }

    @Test func perMessageSitesStandOutFromStartUp() throws {
        let short = try Self.profile(messages: 250, perMessage: 2, base: 0x1000_0000)
        let long = try Self.profile(messages: 1000, perMessage: 2, base: 0x2000_0000)
        let sites = AllocationSites(short: short, shortMessages: 250, long: long, longMessages: 1000, depth: 1)
        #expect(sites.totalPerMessage == 2)
        let top = try #require(sites.sites.first)
        #expect(top.frames == ["$s5Queue4pushyyF (Queue.swift:9)"])
        #expect(top.perMessage == 2 && top.shortRunBlocks == 500 && top.longRunBlocks == 2000)
        #expect(sites.sites.map(\.frames) == [["$s5Queue4pushyyF (Queue.swift:9)"], ["main (main.swift:1)"]])
        #expect(sites.sites[1].perMessage == 0)
    }

    @Test func anAllocationFreeRunHasNoSiteAboveZero() throws {
        let short = try Self.profile(messages: 100, perMessage: 0, base: 0x1000_0000)
        let long = try Self.profile(messages: 400, perMessage: 0, base: 0x2000_0000)
        let sites = AllocationSites(short: short, shortMessages: 100, long: long, longMessages: 400, depth: 4)
        #expect(sites.totalPerMessage == 0)
        #expect(sites.sites.allSatisfy { $0.perMessage == 0 })
    }

    @Test func otherFilesAreRefusedWithAReason() {
        #expect(throws: HeapProfileError.unreadable("not a jemalloc heap_v2 profile")) { try JemallocHeapDump(text: "{}") }
        #expect(throws: HeapProfileError.unreadable("sampled (heap_v2/524288); every allocation must be counted")) {
            try JemallocHeapDump(text: "heap_v2/524288\n")
        }
        #expect(throws: HeapProfileError.unreadable("no cumulative counts in '  t*: 1: 64' (needs prof_accum:true)")) {
            try JemallocHeapDump(text: "heap_v2/1\n@ 0x10\n  t*: 1: 64\n")
        }
        #expect(throws: HeapProfileError.unreadable("no MAPPED_LIBRARIES section")) { try JemallocHeapDump(text: "heap_v2/1\n") }
    }

    @Test func frameNamesSplitFunctionFromLocation() {
        #expect(FrameName.function("$s5Queue4pushyyF (in /x/chanbench)") == "$s5Queue4pushyyF")
        #expect(FrameName.function("operator new(unsigned long) (new_op.cc:50)") == "operator new(unsigned long)")
        #expect(FrameName.replacingFunction(in: "$s5Queue4pushyyF (Q.swift:3)", with: "Queue.push()") == "Queue.push() (Q.swift:3)")
        #expect(FrameName.isMangledSwift("$s5Queue4pushyyF") && !FrameName.isMangledSwift("malloc"))
        #expect(AllocationSites.isAllocator("operator new(unsigned long) (new_op.cc:50)"))
        #expect(AllocationSites.isAllocator("swift_slowAlloc (in libswiftCore.so)"))
        #expect(!AllocationSites.isAllocator("$s5Queue4pushyyF (Queue.swift:9)"))
    }

    /// Heap payloads (4096 bytes) cost exactly one allocation per message on the `null`
    /// baseline: the real command must find it, name a site, and exit 0.
    @Test(.enabled(if: CLIEndToEndTests.built && JemallocStats.isAvailable))
    func theCommandFindsTheHeapPayloadAllocation() throws {
        let r = try CLIEndToEndTests().chanbench(["run", "--alloc-stacks", "--impl", "null", "--workload", "spsc",
                                                  "--capacity", "unbounded", "--message-size", "4096", "--messages", "4000",
                                                  "--mode", "throughput", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let head = try #require(lines.first)
        #expect(head.hasPrefix("null spsc p=1 c=1 cap=unbounded size=4096 throughput: "))
        let total = try #require(Double(head.split(separator: " ").dropFirst(7).first ?? ""))
        #expect(total >= 0.99 && total < 1.5)
        // The first site row: `  <allocs/msg>  <frame>`.
        let site = try #require(lines.dropFirst(2).first?.split(separator: " ").first.flatMap { Double($0) })
        #expect(site >= 0.99)
    }

    @Test(.enabled(if: CLIEndToEndTests.built), arguments: [
        (["run", "--alloc-stacks", "--impl", "ring", "--forks", "2"], "error: --alloc-stacks runs each configuration in processes of its own"),
        (["run", "--alloc-stacks", "--impl", "ring", "--workload", "spsc", "--capacity", "1024", "--mode", "throughput", "--messages", "1"], "error: --alloc-stacks needs --messages of at least twice"),
        (["run", "--alloc-stacks", "--impl", "nope"], "error: unknown implementation 'nope'"),
    ])
    func badInputIsOneLineAndExitOne(_ args: [String], _ expected: String) throws {
        let r = try CLIEndToEndTests().chanbench(args)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix(expected), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
