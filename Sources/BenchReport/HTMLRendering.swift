import Foundation

/// `report.html`: one self-contained page of a ``ReportDocument``. Images are embedded as
/// `data:` URIs so the file can be mailed or archived alone; a figure is shown at its natural
/// width (scrolling sideways if the window is narrower) so the chart's text stays legible.
package enum HTMLRendering {
    /// `image(path)` returns the bytes of a figure's image (relative to the report), or `nil`
    /// when it is missing (then the figure says so instead of showing a broken image).
    package static func render(_ document: ReportDocument, image: (String) -> Data?) -> String {
        var body = "<h1>\(escape(document.title))</h1>\n"
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                let l = max(1, min(level, 6))
                body += "<h\(l)>\(escape(text))</h\(l)>\n"
            case .paragraph(let spans):
                body += "<p>\(render(spans))</p>\n"
            case .bullets(let items):
                body += "<ul>\n" + items.map { "<li>\(render($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let header, let rows, let right):
                func cells(_ row: [String], tag: String) -> String {
                    row.enumerated().map { i, c in
                        "<\(tag)\(right.contains(i) ? " class=\"num\"" : "")>\(escape(c))</\(tag)>"
                    }.joined()
                }
                body += "<table>\n<thead><tr>\(cells(header, tag: "th"))</tr></thead>\n<tbody>\n"
                body += rows.map { "<tr>\(cells($0, tag: "td"))</tr>\n" }.joined() + "</tbody>\n</table>\n"
            case .figure(let path, let alt, let caption):
                if let data = image(path) {
                    body += "<figure><div class=\"chart\"><img src=\"data:\(mimeType(path));base64,\(data.base64EncodedString())\" alt=\"\(escape(alt))\"></div>"
                } else {
                    body += "<figure><p class=\"missing\">chart \(escape(path)) is missing</p>"
                }
                body += "<figcaption>\(escape(caption))</figcaption></figure>\n"
            case .code(let text):
                body += "<pre>\(escape(text))</pre>\n"
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(document.title))</title>
        <style>
        body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1560px; padding: 0 1em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
        th { background: #f2f2f2; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1.5em 0; }
        .chart { overflow-x: auto; }
        .chart img { display: block; max-width: none; }
        figcaption { font-size: 0.9em; color: #555; margin-top: 0.4em; }
        pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
        .missing { color: #b00; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func render(_ spans: [ReportDocument.Span]) -> String {
        spans.map { span in
            switch span {
            case .text(let t): return escape(t)
            case .strong(let t): return "<strong>\(escape(t))</strong>"
            case .code(let t): return "<code>\(escape(t))</code>"
            }
        }.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func mimeType(_ path: String) -> String { path.hasSuffix(".svg") ? "image/svg+xml" : "image/png" }
}
