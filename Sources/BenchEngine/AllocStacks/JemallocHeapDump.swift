/// A heap profile as jemalloc writes it with `MALLOC_CONF=prof:true,prof_accum:true,
/// lg_prof_sample:0,prof_final:true` (`heap_v2`): every allocation's call stack, as return
/// addresses, with how many objects were allocated from it over the whole run, and the
/// process's memory map to tell which file each address is in.
package struct JemallocHeapDump: Sendable, Equatable {
    /// One mapped file: addresses in `start..<end` belong to `path`, loaded at `base`.
    package struct Mapping: Sendable, Equatable {
        package var start: UInt64
        package var end: UInt64
        package var base: UInt64
        package var path: String
    }

    /// Return addresses, innermost first, with jemalloc's own frames removed; objects allocated.
    package var stacks: [(addresses: [UInt64], objects: Int)]
    package var mappings: [Mapping]

    package static func == (a: Self, b: Self) -> Bool {
        a.mappings == b.mappings && a.stacks.map(\.addresses) == b.stacks.map(\.addresses)
            && a.stacks.map(\.objects) == b.stacks.map(\.objects)
    }

    /// Parses a dump; throws a one-line reason for anything else, or for a sampled profile
    /// (`lg_prof_sample` above 0 counts only some allocations).
    package init(text: String) throws(HeapProfileError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("heap_v2/") else { throw .unreadable("not a jemalloc heap_v2 profile") }
        guard first == "heap_v2/1" else { throw .unreadable("sampled (\(first)); every allocation must be counted") }
        var stacks: [(addresses: [UInt64], objects: Int)] = []
        var pending: [UInt64]?
        var index = 1
        while index < lines.count, lines[index] != "MAPPED_LIBRARIES:" {
            let line = lines[index]
            index += 1
            if line.hasPrefix("@ ") {
                let addresses = line.dropFirst(2).split(separator: " ").map { UInt64($0.dropFirst(2), radix: 16) }
                guard addresses.allSatisfy({ $0 != nil }) else { throw .unreadable("a bad address in '\(line.prefix(60))'") }
                pending = addresses.compactMap { $0 }
            } else if line.hasPrefix("  t*: "), let addresses = pending {
                // `  t*: live objects: live bytes [objects ever: bytes ever]`
                guard let open = line.firstIndex(of: "["), let colon = line[open...].firstIndex(of: ":"),
                      let objects = Int(line[line.index(after: open)..<colon]) else {
                    throw .unreadable("no cumulative counts in '\(line)' (needs prof_accum:true)")
                }
                stacks.append((addresses, objects))
                pending = nil
            }
        }
        guard index < lines.count else { throw .unreadable("no MAPPED_LIBRARIES section") }
        var mappings: [Mapping] = []
        var bases: [String: UInt64] = [:]
        for line in lines[(index + 1)...] {
            // `start-end perms offset dev inode   path`
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            let path = String(fields.count == 6 ? fields[5].drop { $0 == " " } : "")
            guard path.hasPrefix("/") else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt64(range[0], radix: 16), let end = UInt64(range[1], radix: 16),
                  let offset = UInt64(fields[2], radix: 16) else { continue }
            if offset == 0, bases[path] == nil { bases[path] = start }
            mappings.append(Mapping(start: start, end: end, base: 0, path: path))
        }
        // Shared objects and position-independent executables link at 0: a file address is
        // the run address less the start of the file's first mapping.
        self.mappings = mappings.compactMap { m in bases[m.path].map { Mapping(start: m.start, end: m.end, base: $0, path: m.path) } }
        self.stacks = []
        for stack in stacks {
            let callers = stack.addresses.drop { mapping(of: $0)?.path.contains("libjemalloc") ?? false }
            self.stacks.append((Array(callers), stack.objects))
        }
    }

    /// The mapped file `address` is in.
    package func mapping(of address: UInt64) -> Mapping? {
        mappings.first { $0.start <= address && address < $0.end }
    }
}
