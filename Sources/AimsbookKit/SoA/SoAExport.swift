/// The Statement of Applicability in the forms auditors ask for: CSV for a spreadsheet (RFC 4180,
/// one row per control in Annex A order), JSON with the same content, an aligned terminal table.
public enum SoAExport {
    public static let columns = [
        "control", "title", "objective", "applicable", "status", "justification", "implemented by", "treats risks",
    ]

    static func row(_ entry: StatementOfApplicability.Entry) -> [String] {
        [
            entry.control.id, entry.control.title, "\(entry.objective.id) \(entry.objective.title)",
            entry.isApplicable ? "yes" : entry.isExcluded ? "no" : "undecided", entry.status ?? "",
            entry.justification ?? "", entry.implementedBy.joined(separator: " "),
            entry.treatsRisks.joined(separator: " "),
        ]
    }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    /// A leading BOM lets spreadsheet programs detect UTF-8. Cells starting with = + - @ are
    /// prefixed with ' so a spreadsheet does not run them as formulas.
    public static func csv(_ soa: StatementOfApplicability) -> String {
        var output = "\u{FEFF}"
        appendCSVRow(columns, to: &output)
        for entry in soa.allEntries { appendCSVRow(row(entry), to: &output) }
        return output
    }

    /// One CSV line: the cells as `csvField`s, comma-separated, and CRLF. Appended in place: the
    /// master list's 2,000 lines are made again on every rebuild of `serve`.
    static func appendCSVRow(_ cells: [String], to output: inout String) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { output += "," }
            output += csvField(cell)
        }
        output += "\r\n"
    }

    /// Read as bytes, as a spreadsheet reads them: a `"\r\n"` inside a value (one `Character`)
    /// is quoted too, and a long list of ids is scanned without breaking it into characters.
    static func csvField(_ value: String) -> String {
        var value = value
        if let first = value.utf8.first, "=+-@".utf8.contains(first) { value = "'" + value }
        if value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
            return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
        }
        return value
    }

    public static func json(_ soa: StatementOfApplicability) -> String {
        let counts = soa.counts
        let controls = soa.allEntries.map { entry -> JSONValue in
            .object([
                ("control", .string(entry.control.id)),
                ("title", .string(entry.control.title)),
                ("objective", .string(entry.objective.id)),
                ("objectiveTitle", .string(entry.objective.title)),
                ("applicable", entry.decision?.applicable.map(JSONValue.bool) ?? .null),
                ("status", entry.status.map(JSONValue.string) ?? .null),
                ("justification", entry.justification.map(JSONValue.string) ?? .null),
                ("implementedBy", .array(entry.implementedBy.map(JSONValue.string))),
                ("treatsRisks", .array(entry.treatsRisks.map(JSONValue.string))),
                ("organisation", .bool(entry.objective.id == StatementOfApplicability.organisationObjective.id)),
            ])
        }
        let json = JSONValue.object([
            ("document", soa.document.map { .string($0.id.value) } ?? .null),
            (
                "summary",
                .object([
                    ("controls", .int(counts.controls)), ("decided", .int(counts.decided)),
                    ("applicable", .int(counts.applicable)), ("excluded", .int(counts.excluded)),
                    ("implemented", .int(counts.implemented)), ("partial", .int(counts.partial)),
                    ("planned", .int(counts.planned)),
                ])
            ),
            ("controls", .array(controls)),
        ])
        return json.serialized(pretty: true) + "\n"
    }

    /// A table for a terminal, at most `width` columns wide, long cells wrapped.
    public static func table(_ soa: StatementOfApplicability, width: Int = 100) -> String {
        let headers = ["Control", "Title", "Appl.", "Status", "Implemented by / justification"]
        let rows = soa.allEntries.map { entry -> [String] in
            let evidence =
                entry.isExcluded
                ? "excluded: \(entry.justification ?? "no justification")"
                : (entry.implementedBy.isEmpty
                    ? "(no implementing document)" : entry.implementedBy.joined(separator: ", "))
            return [
                entry.control.id, entry.control.title,
                entry.isApplicable ? "yes" : entry.isExcluded ? "no" : "?", entry.status ?? "-", evidence,
            ]
        }
        // Fixed widths for short columns; the rest share what is left.
        let fixed = [7, 0, 5, 11, 0]
        let separators = 2 * (headers.count - 1)
        let flexible = max(20, width - fixed.reduce(0, +) - separators)
        let widths = [fixed[0], flexible * 2 / 5, fixed[2], fixed[3], flexible - flexible * 2 / 5]
        var output = ""
        func emit(_ cells: [String]) {
            let wrapped = zip(cells, widths).map { wrap($0, width: $1) }
            let height = wrapped.map(\.count).max() ?? 1
            for line in 0..<height {
                let parts = zip(wrapped, widths).map { lines, width in pad(line < lines.count ? lines[line] : "", width)
                }
                output += parts.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            }
        }
        emit(headers)
        output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        var lastObjective = ""
        for (entry, row) in zip(soa.allEntries, rows) {
            if entry.objective.id != lastObjective {
                lastObjective = entry.objective.id
                output += "\(entry.objective.id) \(entry.objective.title)\n"
            }
            emit(row)
        }
        let counts = soa.counts
        output +=
            "\n\(counts.decided)/\(counts.controls) decided, \(counts.applicable) applicable, \(counts.excluded) excluded; \(counts.implemented) implemented, \(counts.partial) partial, \(counts.planned) planned\n"
        return output
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// Word-wraps to `width` characters, breaking words longer than a line.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        String(Substring(self).trimmingTrailingSpaces())
    }
}
