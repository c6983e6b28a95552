/// The source lines under text diagnostics, found in time linear in the output: each file's
/// line starts are found once, not by walking from its top for every diagnostic (10,000 warnings
/// in one file took half a minute), and a long line is shown as a window around the column,
/// not whole for each diagnostic on it (100,000 links on one 1 MB line).
struct SourceExcerpts {
    /// Scalars shown on either side of the column.
    static let halfWidth = 60

    private let sources: [String: String]
    private var lineStarts: [String: [String.Index]] = [:]
    private var lines: [LineKey: Line] = [:]

    private struct LineKey: Hashable {
        var file: String
        var line: Int
    }

    /// One source line, and whether each scalar is one byte (then a column is a byte offset).
    private struct Line {
        var text: Substring
        var isASCII: Bool
    }

    init(_ sources: [String: String]) { self.sources = sources }

    /// The line at `location` cut to a window around its column, and the padding that puts a
    /// caret under the column; nil when the file's text or the line is unknown.
    mutating func excerpt(at location: SourceLocation) -> (line: String, padding: String)? {
        guard let line = line(location.file, location.line) else { return nil }
        let text = line.text
        let scalars = text.unicodeScalars
        // The column's index, then up to `halfWidth` scalars either side.
        let column: String.Index
        if line.isASCII {
            let offset = min(max(0, location.column - 1), text.utf8.count)
            column = text.utf8.index(text.startIndex, offsetBy: offset)
        } else {
            column =
                scalars.index(scalars.startIndex, offsetBy: max(0, location.column - 1), limitedBy: scalars.endIndex)
                ?? scalars.endIndex
        }
        let start =
            scalars.index(column, offsetBy: -Self.halfWidth, limitedBy: scalars.startIndex) ?? scalars.startIndex
        let end = scalars.index(column, offsetBy: Self.halfWidth, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let before = start == scalars.startIndex ? "" : "…"
        let after = end == scalars.endIndex ? "" : "…"
        let shown = before + Self.printable(text[start..<end]) + after
        let padding = String(repeating: " ", count: (before + Self.printable(text[start..<column])).count)
        return (shown, padding)
    }

    private mutating func line(_ file: String, _ number: Int) -> Line? {
        let key = LineKey(file: file, line: number)
        if let line = lines[key] { return line }
        guard let text = sources[file] else { return nil }
        let starts = lineStarts[file] ?? Self.lineStarts(of: text)
        lineStarts[file] = starts
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        let end = text[start...].utf8.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        var lineText = text[start..<end]
        if lineText.utf8.last == UInt8(ascii: "\r") { lineText = lineText.dropLast() }
        let line = Line(text: lineText, isASCII: lineText.utf8.allSatisfy { $0 < 0x80 })
        lines[key] = line
        return line
    }

    private static func lineStarts(of text: String) -> [String.Index] {
        var starts = [text.startIndex]
        var index = text.utf8.startIndex
        while let newline = text.utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = text.utf8.index(after: newline)
            starts.append(index)
        }
        return starts
    }

    /// Tabs as four spaces, and other control characters as `\u{…}`: a line shows on one line.
    static func printable(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return String(text) }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: result += "    "
            case 0..<0x20, 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
