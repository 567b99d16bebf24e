/// Splits one CSV line into fields (RFC 4180 style).
///
/// ChannelBench writes plain fields, but users post-process files with spreadsheets and scripts
/// that add quotes, so double-quoted fields (with `""` as an escaped quote and embedded commas)
/// are accepted. A trailing `\r` from CRLF files is dropped. Fields are returned untrimmed
/// except for surrounding spaces, which some tools add after commas.
package enum CSVLineSplitter {
    static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                inQuotes = true
            } else if ch == "," {
                fields.append(trimmed(current))
                current = ""
            } else if ch == "\r" || ch == "\r\n" {
                continue
            } else {
                current.append(ch)
            }
        }
        fields.append(trimmed(current))
        return fields
    }

    private static func trimmed(_ field: String) -> String {
        var s = Substring(field)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
