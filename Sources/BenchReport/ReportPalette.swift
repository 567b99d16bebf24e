/// The one place that decides an implementation's colour and its position in every chart and
/// table: Swift flavors first, then the baseline, then the cross-language references. Names
/// not listed get a colour chosen by a stable hash of the name and sort alphabetically after.
package enum ReportPalette {
    static let listed: [(name: String, color: String)] = [
        ("condvar", "#1f77b4"), ("dispatch", "#ff7f0e"), ("ring", "#2ca02c"), ("actor", "#d62728"),
        ("asyncstream", "#9467bd"), ("asyncstream-oldest", "#e377c2"), ("asyncchannel", "#8c564b"),
        ("mpsc-channel", "#17becf"), ("null", "#7f7f7f"), ("go-chan", "#bcbd22"),
        ("rust-std-mpsc", "#000000"), ("rust-crossbeam", "#393b79"),
    ]
    static let fallback = ["#637939", "#e7969c", "#9c9ede", "#e7ba52", "#a55194", "#6b6ecf", "#d6616b", "#8ca252"]

    package static func color(of impl: String) -> String {
        if let c = listed.first(where: { $0.name == impl }) { return c.color }
        // FNV-1a: Swift's hashValue changes between processes.
        var h: UInt32 = 2_166_136_261
        for b in impl.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return fallback[Int(h % UInt32(fallback.count))]
    }

    /// Sort key: listed names in palette order, then the others alphabetically.
    package static func rank(of impl: String) -> (Int, String) {
        (listed.firstIndex { $0.name == impl } ?? listed.count, impl)
    }

    package static func sorted(_ impls: some Sequence<String>) -> [String] {
        Array(Set(impls)).sorted { rank(of: $0) < rank(of: $1) }
    }
}
