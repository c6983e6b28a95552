import SwiftCSV

/// A register as rows of cells under a header, each row with the line of its file it starts on,
/// so that whatever cannot be imported is reported where the author can find it.
public struct RegisterTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// 1-based line of the file on which the row starts.
        public var line: Int
        /// One cell per header column, padded with empty cells where the row is short.
        public var cells: [String]
    }

    public var header: [String]
    public var headerLine: Int
    public var rows: [Row]

    public init(header: [String], headerLine: Int, rows: [Row]) {
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
    }

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    /// Reads CSV text with SwiftCSV, guessing the delimiter (`,`, `;` or tab) from the header
    /// line as SwiftCSV does: spreadsheets saved in many European locales write `;`.
    public static func csv(_ text: String) throws(Failure) -> RegisterTable {
        let rows: [[String]]
        let header: [String]
        do {
            let csv = try EnumeratedCSV(string: text, loadColumns: false)
            header = csv.header
            rows = csv.rows
        } catch let error as CSVParseError {
            switch error {
            case .generic(let message), .quotation(let message):
                throw Failure(
                    line: nil,
                    message:
                        "the CSV is malformed (\(message)); a field holding a quote must be quoted whole, with the quote doubled: \"a \"\"quoted\"\" word\""
                )
            }
        } catch {
            throw Failure(line: nil, message: "the CSV cannot be read: \(error)")
        }
        guard header.contains(where: { !$0.trimmingSpaces().isEmpty }) else {
            throw Failure(line: 1, message: "the CSV has no header row naming its columns")
        }
        // SwiftCSV gives rows, not lines: a row takes one line more than the line breaks inside
        // its quoted cells, and a blank line is a row of one empty cell, so lines can be counted.
        func lineCount(_ cells: [String]) -> Int {
            1 + cells.reduce(0) { count, cell in count + cell.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
        }
        var line = 1 + lineCount(header)
        var table = RegisterTable(header: header.map { $0.trimmingSpaces() }, headerLine: 1, rows: [])
        for cells in rows {
            defer { line += lineCount(cells) }
            if cells.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            var padded = cells
            if padded.count < header.count {
                padded += Array(repeating: "", count: header.count - padded.count)
            }
            table.rows.append(Row(line: line, cells: padded))
        }
        return table
    }
}
