/// `report.md`: GitHub-flavoured Markdown of a ``ReportDocument``.
package enum MarkdownRendering {
    package static func render(_ document: ReportDocument) -> String {
        var out = "# \(escape(document.title))\n"
        for block in document.blocks {
            out += "\n"
            switch block {
            case .heading(let level, let text):
                out += String(repeating: "#", count: max(1, min(level, 6))) + " " + escape(text) + "\n"
            case .paragraph(let spans):
                out += render(spans) + "\n"
            case .bullets(let items):
                out += items.map { "- " + render($0) + "\n" }.joined()
            case .table(let header, let rows, let right):
                out += "| " + header.map(cell).joined(separator: " | ") + " |\n"
                out += "|" + header.indices.map { right.contains($0) ? "---:|" : "---|" }.joined() + "\n"
                for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            case .figure(let path, let alt, let caption):
                out += "![\(escape(alt))](\(path))\n\n*\(escape(caption))*\n"
            case .code(let text):
                out += "```\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "```\n"
            }
        }
        return out
    }

    static func render(_ spans: [ReportDocument.Span]) -> String {
        spans.map { span in
            switch span {
            case .text(let t): return escape(t)
            case .strong(let t): return "**" + escape(t) + "**"
            case .code(let t): return "`" + t + "`"
            }
        }.joined()
    }

    /// Characters Markdown would read as formatting.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    private static func cell(_ text: String) -> String { escape(text) }
}
