/// A Statement of Applicability's decisions from a register of controls (one row per control:
/// control, applicable, status, justification). The SoA is one document, so the rows become
/// entries of its `decisions`: an entry for a control the register names is replaced whole,
/// every other entry stays as written, and controls new to the SoA are added at the end.
enum SoADecisionImport {
    static let fields = ["control", "applicable", "status", "justification", "title"]

    static func plan(
        _ table: RegisterTable, handbook: Handbook, texts: [String: String], mapping: ImportMapping
    ) -> (files: [RegisterImport.PlannedFile], problems: [RegisterImport.Problem]) {
        var problems: [RegisterImport.Problem] = []
        guard let soa = handbook.soaDocument, let text = texts[soa.contentPath] else {
            return (
                [],
                [
                    .init(
                        line: table.headerLine,
                        message:
                            "the handbook has no Statement of Applicability to import decisions into; create it with 'aimsbook new soa --title \"Statement of Applicability\"'"
                    )
                ]
            )
        }
        var columns: [String: Int] = [:]
        for (index, header) in table.header.enumerated() {
            switch mapping.target(of: header, fields: fields) {
            case .field(let field) where fields.contains(field): columns[field] = index
            case .ignored: continue
            default:
                problems.append(
                    .init(
                        line: table.headerLine,
                        message:
                            "the column '\(header)' maps to nothing of a decision; map it with --map \"\(header)=FIELD\" (FIELD: \(fields.joined(separator: ", "))) or leave it out with --map \"\(header)=-\""
                    ))
            }
        }
        guard let controlColumn = columns["control"], let applicableColumn = columns["applicable"] else {
            problems.append(
                .init(
                    line: table.headerLine,
                    message:
                        "a decision needs a 'control' and an 'applicable' column; map them with --map \"COLUMN=control\""
                ))
            return ([], problems)
        }
        guard problems.isEmpty else { return ([], problems) }

        var entries: [(control: String, line: Int, yaml: String)] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let control = row.cells[controlColumn].trimmingSpaces()
            guard !control.isEmpty else {
                problems.append(.init(line: row.line, message: "the row names no control"))
                continue
            }
            if let earlier = seen[control] {
                problems.append(.init(line: row.line, message: "\(control) is decided on line \(earlier) already"))
                continue
            }
            seen[control] = row.line
            let applicableText = row.cells[applicableColumn].trimmingSpaces().lowercased()
            let applicable: Bool
            switch applicableText {
            case "true", "yes", "y", "x", "1", "applicable", "included": applicable = true
            case "false", "no", "n", "0", "not applicable", "n/a", "excluded": applicable = false
            default:
                problems.append(
                    .init(
                        line: row.line,
                        message:
                            "\(control): '\(row.cells[applicableColumn])' is not yes or no; write yes (applicable) or no (excluded)"
                    ))
                continue
            }
            var parts = ["applicable: \(applicable)"]
            if let column = columns["title"], !row.cells[column].trimmingSpaces().isEmpty {
                parts.append("title: " + quoted(row.cells[column]))
            }
            if let column = columns["status"], !row.cells[column].trimmingSpaces().isEmpty {
                let status = row.cells[column].trimmingSpaces().lowercased().split(separator: " ").joined(
                    separator: "-")
                parts.append("status: " + quoted(status))
            }
            if let column = columns["justification"], !row.cells[column].trimmingSpaces().isEmpty {
                parts.append("justification: " + quoted(row.cells[column]))
            }
            entries.append((control, row.line, "  \(control): { \(parts.joined(separator: ", ")) }"))
        }
        guard problems.isEmpty else { return ([], problems) }
        guard let edited = editing(text, entries: entries.map { ($0.control, $0.yaml) }) else {
            return (
                [],
                [
                    .init(
                        line: table.headerLine,
                        message:
                            "\(soa.path) writes 'decisions' in a form import cannot edit; write it as one 'CONTROL: { … }' line per control under 'decisions:'"
                    )
                ]
            )
        }
        var file = RegisterImport.PlannedFile(
            contentPath: soa.contentPath, id: soa.id.value, text: edited,
            action: edited == text ? .unchanged : .updated, line: table.headerLine)
        let registerLines = Dictionary(entries.map { ($0.control, $0.line) }, uniquingKeysWith: { a, _ in a })
        for (index, line) in edited.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix("  "), let colon = line.firstIndex(of: ":") else { continue }
            let control = String(line.dropFirst(2)[..<colon]).trimmingSpaces()
            if let registerLine = registerLines[control] { file.rowLines[index + 1] = registerLine }
        }
        return ([file], [])
    }

    /// `text` with each control's entry under `decisions:` replaced or added; nil when the
    /// front matter has no block `decisions:` (absent entirely, it is added).
    static func editing(_ text: String, entries: [(control: String, yaml: String)]) -> String? {
        guard case .success(let split) = FrontMatterSplitter.split(text, file: "") else { return nil }
        var lines = split.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !lines.contains(where: { FrontMatterEdit.topLevelKey(of: $0) == "decisions" }) { lines.append("decisions:") }
        guard let start = lines.firstIndex(where: { FrontMatterEdit.topLevelKey(of: $0) == "decisions" }),
            lines[start].trimmingSpaces() == "decisions:"
        else { return nil }
        var end = start + 1
        while end < lines.count, FrontMatterEdit.topLevelKey(of: lines[end]) == nil, !lines[end].hasPrefix("#") {
            end += 1
        }
        var block = Array(lines[(start + 1)..<end])
        for (control, yaml) in entries {
            if let first = block.firstIndex(where: { $0.hasPrefix("  \(control):") }) {
                var last = first + 1
                while last < block.count, block[last].hasPrefix("   ") { last += 1 }
                block.replaceSubrange(first..<last, with: [yaml])
            } else {
                var insertion = block.count
                while insertion > 0, block[insertion - 1].trimmingSpaces().isEmpty { insertion -= 1 }
                block.insert(yaml, at: insertion)
            }
        }
        lines.replaceSubrange((start + 1)..<end, with: block)
        return "---\n" + lines.joined(separator: "\n") + "\n---\n" + split.body
    }

    static func quoted(_ text: String) -> String {
        let escaped = text.trimmingSpaces().replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "\"" + escaped.split(whereSeparator: \.isNewline).joined(separator: " ") + "\""
    }
}
