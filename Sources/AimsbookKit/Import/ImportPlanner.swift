/// The row-by-row work of `RegisterImport.plan`: columns to fields, titles to ids, cells to the
/// YAML each field takes, and the text of every new or updated document.
struct ImportPlanner {
    let table: RegisterTable
    let handbook: Handbook
    let options: RegisterImport.Options
    /// Each existing document's file text, by path inside content/.
    let texts: [String: String]

    var files: [RegisterImport.PlannedFile] = []
    var problems: [RegisterImport.Problem] = []

    /// Role ids by lowercased id and by lowercased title: those of the handbook, then those this
    /// import creates.
    private var roles: [String: String] = [:]
    /// Document ids by lowercased title, for fields naming documents by title.
    private var titles: [String: String] = [:]
    private var usedIDs: Set<String> = []

    init(table: RegisterTable, handbook: Handbook, options: RegisterImport.Options, texts: [String: String]) {
        self.table = table
        self.texts = texts
        self.handbook = handbook
        self.options = options
        for role in handbook.documents(of: .role) {
            roles[role.id.value.lowercased()] = role.id.value
            roles[role.title.trimmingSpaces().lowercased()] = role.id.value
        }
        for document in handbook.documents { titles[document.title.trimmingSpaces().lowercased()] = document.id.value }
        usedIDs = Set(handbook.documents.map { $0.id.value.lowercased() }).union(
            handbook.brokenIDs.map { $0.lowercased() })
    }

    private var type: DocumentType { options.type }
    private var fields: [String] {
        DocumentType.commonFields.filter { $0 != "type" } + type.ownFields
    }

    mutating func run() {
        guard type != .soa else {
            let planned = SoADecisionImport.plan(table, handbook: handbook, texts: texts, mapping: options.mapping)
            files = planned.files
            problems = planned.problems
            return
        }
        guard let targets = columnTargets() else { return }
        let titleColumn = targets.firstIndex(of: .field("title"))
        let idColumn = targets.firstIndex(of: .field("id"))
        guard titleColumn != nil || idColumn != nil else {
            problems.append(
                .init(
                    line: table.headerLine,
                    message:
                        "no column gives the documents' titles; map one with --map \"COLUMN=title\" (columns: \(table.header.joined(separator: ", ")))"
                ))
            return
        }
        // A role register's own titles resolve owners and `reports_to` in the same import.
        if type == .role, let titleColumn {
            for row in table.rows {
                let title = row.cells[titleColumn].trimmingSpaces()
                guard !title.isEmpty, roles[title.lowercased()] == nil else { continue }
                let id = idColumn.map { row.cells[$0].trimmingSpaces() } ?? ""
                if !id.isEmpty { roles[title.lowercased()] = id }
            }
        }
        var madeIDs: [String: Int] = [:]
        for row in table.rows {
            importRow(row, targets: targets, titleColumn: titleColumn, idColumn: idColumn, madeIDs: &madeIDs)
        }
    }

    /// Each column's target, or nil after reporting the columns that have none.
    private mutating func columnTargets() -> [ImportMapping.Target]? {
        var targets: [ImportMapping.Target] = []
        let problemsBefore = problems.count
        for column in table.header {
            guard let target = options.mapping.target(of: column, fields: fields) else {
                problems.append(
                    .init(
                        line: table.headerLine,
                        message:
                            "the column '\(column)' maps to no field of \(Article.a(type.rawValue)); map it with --map \"\(column)=FIELD\" (FIELD: \(fields.joined(separator: ", ")) or body), or leave it out with --map \"\(column)=-\""
                            + Suggestion.didYouMean(
                                String(column.lowercased().map { $0 == " " ? "_" : $0 }), in: fields)))
                targets.append(.ignored)
                continue
            }
            if case .field(let field) = target, !fields.contains(field) {
                problems.append(
                    .init(
                        line: table.headerLine,
                        message:
                            "the column '\(column)' is mapped to '\(field)', which is not a field of \(Article.a(type.rawValue))"
                            + Suggestion.didYouMean(field, in: fields)))
            }
            targets.append(target)
        }
        var seen: Set<String> = []
        for target in targets {
            if case .field(let field) = target, !seen.insert(field).inserted {
                problems.append(
                    .init(
                        line: table.headerLine,
                        message: "two columns are mapped to '\(field)'; map one of them to another field or to '-'"))
            }
        }
        for (field, _) in options.mapping.fixed where !fields.contains(field) {
            problems.append(
                .init(
                    line: table.headerLine,
                    message: "--set \(field)=… names no field of \(Article.a(type.rawValue))"
                        + Suggestion.didYouMean(field, in: fields)))
        }
        return problems.count == problemsBefore ? targets : nil
    }

    private mutating func importRow(
        _ row: RegisterTable.Row, targets: [ImportMapping.Target], titleColumn: Int?, idColumn: Int?,
        madeIDs: inout [String: Int]
    ) {
        var rowProblems: [String] = []
        if row.cells.count > table.header.count,
            row.cells[table.header.count...].contains(where: { !$0.trimmingSpaces().isEmpty })
        {
            rowProblems.append(
                "the row has \(row.cells.count) cells and the header \(table.header.count) columns; a cell holding the delimiter must be quoted"
            )
        }
        // A title is one line, however the cell wraps.
        let title = (titleColumn.map { row.cells[$0] } ?? "").split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        var id = idColumn.map { row.cells[$0].trimmingSpaces() } ?? ""
        // The document this row updates: by id, or (no id column) by type and title.
        var existing: Document?
        if !id.isEmpty {
            existing = handbook.documents.first { $0.id.value.lowercased() == id.lowercased() }
        } else if !title.isEmpty {
            existing = handbook.documents(of: type).first {
                $0.title.trimmingSpaces().lowercased() == title.lowercased()
            }
            id = existing?.id.value ?? ""
        }
        if let existing, existing.type != type {
            rowProblems.append(
                "\(existing.id.value) is already \(Article.a(existing.type.rawValue)) document (\(existing.path)), not \(Article.a(type.rawValue))"
            )
        }
        if existing == nil, title.isEmpty {
            rowProblems.append("the row has no title; every document needs one")
        }
        if id.isEmpty {
            id = NewDocument.nextFreeID(for: type, existing: usedIDs.map { $0.uppercased() })
        } else if !DocumentID.isValid(id) {
            rowProblems.append("'\(id)' is not a valid id; use letters, digits and '-', starting with a letter")
        }
        if let earlier = madeIDs[id.lowercased()] {
            rowProblems.append("the id \(id) is also the id of the row on line \(earlier)")
        }
        madeIDs[id.lowercased()] = row.line
        usedIDs.insert(id.lowercased())

        var values: [(key: String, value: String)] = []
        var bodyParts: [(heading: String, text: String)] = []
        for (index, target) in targets.enumerated() {
            let column = table.header[index]
            let cell = row.cells[index].trimmingSpaces()
            switch target {
            case .ignored: continue
            case .body:
                if !cell.isEmpty { bodyParts.append((column, cell)) }
            case .field(let field):
                guard field != "id", field != "title", !cell.isEmpty else { continue }
                switch yamlValue(cell, field: field, column: column) {
                case .success(let value): values.append((field, value))
                case .failure(let problem): rowProblems.append(problem.message)
                }
            }
        }
        for (field, value) in options.mapping.fixed where !values.contains(where: { $0.key == field }) {
            switch yamlValue(value.trimmingSpaces(), field: field, column: "--set \(field)") {
            case .success(let yaml): values.append((field, yaml))
            case .failure(let problem): rowProblems.append(problem.message)
            }
        }
        guard rowProblems.isEmpty else {
            problems += rowProblems.map { .init(line: row.line, message: $0) }
            return
        }
        if let existing {
            var fields = values
            if !title.isEmpty { fields.insert(("title", StarterDocument.yamlString(title)), at: 0) }
            let source = texts[existing.contentPath] ?? ""
            let text = FrontMatterEdit.setting(fields, in: source) ?? source
            files.append(
                .init(
                    contentPath: existing.contentPath, id: existing.id.value, text: text,
                    action: text == source ? .unchanged : .updated, line: row.line))
            return
        }
        if !values.contains(where: { $0.key == "status" }) { values.append(("status", "draft")) }
        if type.requiresOwner, !values.contains(where: { $0.key == "owner" }) {
            rowProblems.append(
                "\(Article.a(type.rawValue)) needs an owner; map the column naming its owning role to 'owner'")
            problems += rowProblems.map { .init(line: row.line, message: $0) }
            return
        }
        let body: String
        if bodyParts.isEmpty {
            body = Templates.document(type: type, id: id, title: title, owner: nil, standard: handbook.standard).body
        } else if bodyParts.count == 1 {
            body = bodyParts[0].text + "\n"
        } else {
            body = bodyParts.map { "## \($0.heading)\n\n\($0.text)\n" }.joined(separator: "\n")
        }
        let document = StarterDocument(
            contentPath: newPath(for: id), id: id, type: type, title: title, fields: ordered(values), body: body)
        if files.contains(where: { $0.contentPath == document.contentPath })
            || handbook.documents.contains(where: { $0.contentPath == document.contentPath })
        {
            problems.append(
                .init(line: row.line, message: "content/\(document.contentPath) already exists with another id"))
            return
        }
        files.append(
            .init(contentPath: document.contentPath, id: id, text: document.markdown, action: .created, line: row.line))
    }

    /// The fields in the order of content-format.md, as `new` writes them.
    private func ordered(_ values: [(key: String, value: String)]) -> [(String, String)] {
        let order = fields
        return values.sorted { (order.firstIndex(of: $0.key) ?? .max) < (order.firstIndex(of: $1.key) ?? .max) }
            .map { ($0.key, $0.value) }
    }

    private func newPath(for id: String, type: DocumentType? = nil) -> String {
        let folder = (type == nil ? options.mapping.folder : nil) ?? StarterDocument.folder(for: type ?? self.type)
        let file = DocumentID.slug(id) + ".md"
        return folder.isEmpty ? file : "\(folder)/\(file)"
    }

    /// A cell as the YAML its field takes, by the field's declared kind (`FieldKind`): role
    /// titles and document titles become ids, dates become YYYY-MM-DD, lists flow lists, words
    /// the vocabulary's spelling, yes and no `true` and `false`.
    private mutating func yamlValue(
        _ cell: String, field: String, column: String
    ) -> Result<
        String, RegisterImport.Problem
    > {
        func failure(_ message: String) -> Result<String, RegisterImport.Problem> {
            .failure(.init(line: 0, message: "\(column): \(message)"))
        }
        switch type.descriptor.fieldKinds[field] ?? .text {
        case .documents(let expects, isList: true) where expects == [.role]:
            var ids: [String] = []
            for name in RegisterImport.names(in: cell) {
                switch role(named: name) {
                case .success(let id): ids.append(id)
                case .failure(let problem): return failure(problem.message)
                }
            }
            return .success(Self.flowList(ids))
        case .documents(let expects, isList: false) where expects == [.role]:
            switch role(named: cell) {
            case .success(let id): return .success(id)
            case .failure(let problem): return failure(problem.message)
            }
        case .documents(_, isList: true):
            return .success(Self.flowList(Self.items(in: cell).map { titles[$0.lowercased()] ?? $0 }))
        case .documents(_, isList: false):
            return .success(titles[cell.lowercased()] ?? cell)
        case .date:
            switch WrittenDate.read(cell) {
            case .day(let day): return .success(day.description)
            case .unreadable(let message): return failure(message)
            }
        case .list:
            return .success(Self.flowList(Self.items(in: cell)))
        case .words:
            return .success(Self.flowList(Self.items(in: cell).map(Self.word)))
        case .score:
            guard let number = Int(cell) else { return failure("'\(cell)' is not a number from 1 to 5") }
            return .success(String(number))
        case .word:
            return .success(Self.word(cell))
        case .yesNo:
            switch cell.lowercased() {
            case "true", "yes", "y", "x", "1": return .success("true")
            case "false", "no", "n", "0": return .success("false")
            default: return failure("'\(cell)' is not yes or no; write yes or no")
            }
        case .text:
            return .success(Self.scalar(cell))
        }
    }

    /// The items of a list cell, split at commas, semicolons and line breaks.
    static func items(in cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline })
            .map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    static func flowList(_ items: [String]) -> String {
        "[" + items.map(StarterDocument.yamlString).joined(separator: ", ") + "]"
    }

    /// A word of a closed vocabulary as the vocabulary spells it: `Third party` → `third-party`.
    static func word(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: "-")
    }

    /// Text as a YAML scalar, line breaks kept as escapes in a double-quoted string.
    static func scalar(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return StarterDocument.yamlString(text) }
        let escaped = text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "\"" + escaped.split(whereSeparator: \.isNewline).joined(separator: "\\n") + "\""
    }

    /// A role by id or exact title; with `createsRoles`, a new role for a title that names none.
    private mutating func role(named name: String) -> Result<String, RegisterImport.Problem> {
        if let id = roles[name.lowercased()] { return .success(id) }
        guard options.createsRoles else {
            let known = handbook.documents(of: .role).map(\.title)
            return .failure(
                .init(
                    line: 0,
                    message:
                        "'\(name)' is not the id or title of a role; add --create-roles to create it, or write a role's id"
                        + Suggestion.didYouMean(name, in: known)))
        }
        let slug = name.uppercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" }
        var base = "ROLE-" + String(slug).split(separator: "-").joined(separator: "-")
        if base == "ROLE-" { base = "ROLE-NEW" }
        var id = base
        var number = 2
        while usedIDs.contains(id.lowercased()) {
            id = "\(base)-\(number)"
            number += 1
        }
        usedIDs.insert(id.lowercased())
        roles[name.lowercased()] = id
        var document = Templates.document(type: .role, id: id, title: name, owner: nil, standard: handbook.standard)
        document.contentPath = newPath(for: id, type: .role)
        files.append(
            .init(contentPath: document.contentPath, id: id, text: document.markdown, action: .created, line: nil))
        return .success(id)
    }
}
