/// Where a configuration allocates per message, from two heap profiles of the same
/// configuration at two message counts.
///
/// Start-up (threads, tasks, the channel, runtime metadata, the CSV) costs the same in both
/// runs, so a site's extra blocks in the longer run over the extra messages is what it
/// allocates per message; a site that only runs at start-up comes out at 0.
package struct AllocationSites: Sendable, Equatable {
    /// One allocation site: the caller frames that lead to the allocator.
    package struct Site: Sendable, Equatable {
        /// Innermost first, allocator frames removed (at most the depth asked for).
        package var frames: [String]
        package var shortRunBlocks: Int
        package var longRunBlocks: Int
        /// (long − short) / (long messages − short messages).
        package var perMessage: Double
    }

    /// Every block per message, all sites together.
    package var totalPerMessage: Double
    /// Sites, most allocations per message first.
    package var sites: [Site]

    /// Compares `short` (`shortMessages` messages) with `long` (`longMessages`, more). Sites
    /// are the first `depth` frames above the allocator, so stacks that differ only deeper
    /// (another caller of the same code) count as one site.
    package init(short: HeapProfile, shortMessages: Int, long: HeapProfile, longMessages: Int, depth: Int) {
        precondition(longMessages > shortMessages && depth > 0, "two different message counts, longer second")
        let extra = Double(longMessages - shortMessages)
        var counts: [[String]: (short: Int, long: Int)] = [:]
        for (stack, blocks) in short.blocksByStack { counts[Self.site(of: stack, depth: depth), default: (0, 0)].short += blocks }
        for (stack, blocks) in long.blocksByStack { counts[Self.site(of: stack, depth: depth), default: (0, 0)].long += blocks }
        sites = counts.map { frames, c in
            Site(frames: frames, shortRunBlocks: c.short, longRunBlocks: c.long, perMessage: Double(c.long - c.short) / extra)
        }.sorted { ($0.perMessage, $0.longRunBlocks, $1.frames.joined()) > ($1.perMessage, $1.longRunBlocks, $0.frames.joined()) }
        totalPerMessage = Double(long.totalBlocks - short.totalBlocks) / extra
    }

    /// `stack` without its allocator frames (malloc and friends, Swift's object and task
    /// allocators, libdispatch's calloc wrapper, jemalloc's internals), cut to `depth`.
    package static func site(of stack: [String], depth: Int) -> [String] {
        let callers = stack.drop { isAllocator($0) }
        return Array((callers.isEmpty ? stack[...] : callers).prefix(depth))
    }

    /// Whether `frame` (as DHAT names it, address removed) is an allocator entry point rather
    /// than the code that asked for memory.
    package static func isAllocator(_ frame: String) -> Bool {
        let function = frame.prefix { $0 != " " }
        return allocatorFunctions.contains(String(function)) || function.hasPrefix("je_")
            || function.hasPrefix("operator new")
    }

    static let allocatorFunctions: Set<String> = [
        "malloc", "calloc", "realloc", "memalign", "posix_memalign", "aligned_alloc", "valloc",
        "_Znwm", "_Znam", "_ZnwmRKSt9nothrow_t", "operator", "swift_slowAlloc", "swift_allocObject",
        "swift_allocBox", "swift_task_alloc", "_swift_task_alloc_specific", "_dispatch_calloc",
        "_dispatch_continuation_alloc_from_heap", "_dispatch_continuation_alloc_cacheonly",
        "_dispatch_continuation_alloc",
    ]
}
