/// The report as content, independent of its format: `MarkdownRendering` and `HTMLRendering`
/// turn the same blocks into `report.md` and `report.html`, so the two never say different
/// things and no Markdown has to be parsed back.
package struct ReportDocument: Sendable {
    package enum Block: Sendable, Equatable {
        case heading(level: Int, text: String)
        /// Plain text; `**x**` is not interpreted (use `.strong` spans).
        case paragraph([Span])
        case bullets([[Span]])
        /// A table: header, rows; `rightAligned` columns hold numbers.
        case table(header: [String], rows: [[String]], rightAligned: Set<Int>)
        /// A chart: the image file (relative to the report) and its caption.
        case figure(path: String, alt: String, caption: String)
        /// Preformatted text (metadata).
        case code(String)
    }

    package enum Span: Sendable, Equatable {
        case text(String)
        case strong(String)
        case code(String)
    }

    package var title: String
    package var blocks: [Block] = []

    package init(title: String) { self.title = title }

    package mutating func add(_ block: Block) { blocks.append(block) }
    package mutating func paragraph(_ text: String) { blocks.append(.paragraph([.text(text)])) }
}
