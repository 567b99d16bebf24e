/// Allocation counts by call stack, each frame named (`function (File.swift:12)`, or
/// `function (in libfoo.so)` without line tables) rather than addressed: two runs of one binary
/// then name the same stack the same way, whatever their load addresses.
package struct HeapProfile: Sendable, Equatable {
    /// Blocks allocated over the whole run, by call stack.
    package var blocksByStack: [[String]: Int]

    package init(blocksByStack: [[String]: Int]) {
        self.blocksByStack = blocksByStack
    }

    /// Every block the run allocated.
    package var totalBlocks: Int { blocksByStack.values.reduce(0, +) }

    /// The dump's stacks with every address named by `frameName` (`nil`: an address in no
    /// mapped file, shown in hex).
    package init(_ dump: JemallocHeapDump, frameName: (UInt64) -> String?) {
        var stacks: [[String]: Int] = [:]
        for stack in dump.stacks {
            let frames = stack.addresses.map { frameName($0) ?? "0x" + String($0, radix: 16) }
            stacks[frames, default: 0] += stack.objects
        }
        blocksByStack = stacks
    }
}

/// Why a heap profile could not be read.
package enum HeapProfileError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)

    package var description: String {
        switch self {
        case .unreadable(let reason): "unreadable heap profile: \(reason)"
        }
    }
}
