/// A plain-text table for terminal output: each column as wide as its widest cell, columns two
/// spaces apart, chosen columns right-aligned (numbers), no trailing spaces. The one table
/// renderer behind `run`'s summary, `memory`, `verify`, `compare` and `list`.
package struct TextTable: Sendable {
    package var header: [String]?
    package var rows: [[String]]
    /// Indices of the columns aligned to the right; the others are aligned to the left.
    package var rightAligned: Set<Int>
    /// Put before every line.
    package var indent: String
    /// A line of dashes under the header.
    package var ruleUnderHeader: Bool

    package init(header: [String]? = nil, rows: [[String]], rightAligned: Set<Int> = [], indent: String = "",
                 ruleUnderHeader: Bool = false) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
        self.indent = indent
        self.ruleUnderHeader = ruleUnderHeader
    }

    package func render() -> String {
        let all = (header.map { [$0] } ?? []) + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var text = indent + cells.enumerated().map { i, cell in
                let fill = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? fill + cell : cell + fill
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines: [String] = []
        if let header {
            lines.append(line(header))
            if ruleUnderHeader { lines.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
