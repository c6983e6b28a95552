/// `aimsbook import`: a register (CSV rows or a Markdown table) turned into one document per
/// row. Planned whole in memory and checked with the handbook before anything is written, so an
/// import either writes every document or none; every row it cannot map is reported with its
/// line. Running it again updates the documents it made: their front matter from the register,
/// their bodies as the authors have written them since.
public enum RegisterImport {
    public struct Options: Sendable {
        public var type: DocumentType
        public var mapping: ImportMapping
        /// Create a role for each owner or approver title that names no role yet.
        public var createsRoles: Bool
        /// The register's file as the messages name it (`risks.csv`).
        public var sourceName: String

        public init(type: DocumentType, mapping: ImportMapping, createsRoles: Bool = false, sourceName: String) {
            self.type = type
            self.mapping = mapping
            self.createsRoles = createsRoles
            self.sourceName = sourceName
        }
    }

    /// One file the import writes.
    public struct PlannedFile: Sendable, Equatable {
        public enum Action: String, Sendable { case created, updated, unchanged }
        public var contentPath: String
        public var id: String
        public var text: String
        public var action: Action
        /// The register line the document comes from (nil for a role created for an owner).
        public var line: Int?
        /// Register lines by line of the written file, where rows are lines of one document
        /// (the SoA's decisions).
        public var rowLines: [Int: Int] = [:]
    }

    /// A row (or the header) that cannot be imported, and why.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public struct Plan: Sendable {
        public var files: [PlannedFile]
        public var problems: [Problem]
        /// Warnings of the check the plan passed (they do not stop the import).
        public var warnings: [Problem]

        public func count(_ action: PlannedFile.Action) -> Int { files.count { $0.action == action } }
    }

    /// The roles of one "Approvers" cell: split at ';' when there is one (a title may hold a
    /// comma), else at ','.
    static func names(in cell: String) -> [String] {
        let separator: Character = cell.contains(";") ? ";" : ","
        return cell.split(separator: separator).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// Plans the import of `table` into the handbook read as `source`.
    public static func plan(_ table: RegisterTable, into source: HandbookSource, options: Options) -> Plan {
        let before = Pipeline.check(source, asOf: nil, rendersHTML: false)
        let texts = Dictionary(source.markdownFiles.map { ($0.contentPath, $0.text) }, uniquingKeysWith: { a, _ in a })
        var planner = ImportPlanner(table: table, handbook: before.handbook, options: options, texts: texts)
        planner.run()
        var plan = Plan(files: planner.files, problems: planner.problems, warnings: [])
        guard plan.problems.isEmpty else { return plan }
        // The handbook as it would be, checked: a value the register holds that no document may
        // hold (a likelihood of 7, an unknown control) is the row's problem, found before writing.
        var after = source
        // Paths are root-relative: `content/` unless --content names another folder.
        let prefix = source.markdownFiles.first.map { String($0.path.dropLast($0.contentPath.count)) } ?? "content/"
        for file in plan.files where file.action != .unchanged {
            let path = prefix + file.contentPath
            let markdown = HandbookSource.MarkdownFile(path: path, contentPath: file.contentPath, text: file.text)
            if let index = after.markdownFiles.firstIndex(where: { $0.contentPath == file.contentPath }) {
                after.markdownFiles[index] = markdown
            } else {
                after.markdownFiles.append(markdown)
            }
        }
        let earlier = Set(before.diagnostics.map { "\($0.location.file)|\($0.code)|\($0.message)" })
        let checked = Pipeline.check(after, asOf: nil, rendersHTML: false)
        let planned = Dictionary(plan.files.map { (prefix + $0.contentPath, $0) }, uniquingKeysWith: { a, _ in a })
        for diagnostic in checked.diagnostics {
            guard let file = planned[diagnostic.location.file],
                !earlier.contains("\(diagnostic.location.file)|\(diagnostic.code)|\(diagnostic.message)")
            else { continue }
            let line = file.rowLines[diagnostic.location.line] ?? file.line ?? table.headerLine
            let problem = Problem(line: line, message: "\(file.id): \(diagnostic.message) [\(diagnostic.code)]")
            if diagnostic.severity == .error {
                plan.problems.append(problem)
            } else {
                plan.warnings.append(problem)
            }
        }
        plan.problems.sort { $0.line < $1.line }
        return plan
    }
}
