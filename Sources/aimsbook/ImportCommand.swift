import AimsbookKit
import ArgumentParser
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create or update one document per row of a CSV register or a Markdown table.",
        discussion: """
            Columns named like a field (Owner, Review, Residual likelihood) map to it; map others with \
            --map "COLUMN=FIELD" (FIELD 'body' for the text of new documents, '-' to leave a column out) \
            or with a mapping file. Owners and approvers may be role titles. Nothing is written unless \
            every row imports and the result passes the checks; running it again updates the same \
            documents' front matter and keeps their bodies.
            """)

    @Argument(help: "The document type of the rows: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var type: String

    @Argument(help: "The register: a .csv file, or a Markdown file whose table holds it.")
    var register: String

    @Argument(help: "The handbook root (default: .).")
    var root: String = "."

    @Option(name: .customLong("map"), help: "COLUMN=FIELD; repeat for several columns.")
    var maps: [String] = []

    @Option(name: .customLong("set"), help: "FIELD=VALUE given to every imported document; repeat for several.")
    var sets: [String] = []

    @Option(help: "A YAML mapping file (columns:, set:, type:, folder:).")
    var mapping: String?

    @Option(help: "Which table of a Markdown file (1 for the first; needed when it has several).")
    var table: Int?

    @Flag(name: .customLong("create-roles"), help: "Create a role for each owner or approver title no role has.")
    var createRoles = false

    @Flag(name: .customLong("dry-run"), help: "Report what would be written, and write nothing.")
    var dryRun = false

    @Option(help: "The content folder (default: ROOT/content).")
    var content: String?

    func run() throws {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var importMapping = ImportMapping()
        if let mapping {
            let text = try readText(mapping, current: current)
            do {
                importMapping = try ImportMapping.parse(yaml: text, file: mapping)
            } catch {
                throw CommandFailure(error.description)
            }
        }
        do {
            for argument in maps { try importMapping.add(map: argument) }
            for argument in sets { try importMapping.add(set: argument) }
        } catch {
            throw CommandFailure(error.description)
        }
        guard let documentType = DocumentType(rawValue: type) ?? (type == "-" ? importMapping.type : nil) else {
            throw ValidationError(
                "'\(type)' is not a document type; use one of \(DocumentType.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let registerTable = try readTable(current: current)

        let paths = HandbookPaths(
            root: URL(fileURLWithPath: root, relativeTo: current).standardizedFileURL,
            content: content.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL })
        let source: HandbookSource
        do {
            source = try HandbookLoader.load(paths)
        } catch let error as HandbookLoadError {
            throw CommandFailure(error.description)
        }
        let plan = RegisterImport.plan(
            registerTable, into: source,
            options: .init(type: documentType, mapping: importMapping, createsRoles: createRoles, sourceName: register))
        for warning in plan.warnings {
            printToStandardError("\(register):\(warning.line): warning: \(warning.message)\n")
        }
        guard plan.problems.isEmpty else {
            for problem in plan.problems {
                printToStandardError("\(register):\(problem.line): error: \(problem.message)\n")
            }
            printToStandardError(
                "aimsbook: \(plan.problems.count) problem\(plan.problems.count == 1 ? "" : "s") in \(register); nothing was written\n"
            )
            throw ExitCode(1)
        }
        if !dryRun {
            do {
                try ImportWriter.write(plan.files, content: paths.content)
            } catch {
                throw CommandFailure(error.description)
            }
        }
        for file in plan.files where file.action != .unchanged {
            let path = pathFromCurrentDirectory(paths.content.appendingPathComponent(file.contentPath))
            print("\(dryRun ? "would be " : "")\(file.action.rawValue): \(path) (\(file.id))")
        }
        print(
            "\(dryRun ? "Dry run: " : "")\(registerTable.rows.count) rows of \(register): \(plan.count(.created)) created, \(plan.count(.updated)) updated, \(plan.count(.unchanged)) unchanged"
        )
    }

    private func readText(_ path: String, current: URL) throws -> String {
        let url = URL(fileURLWithPath: path, relativeTo: current)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandFailure("cannot read \(path)")
        }
        switch TextDecoding.decode(data) {
        case .success(let text): return text
        case .failure(let line, let column):
            throw CommandFailure(
                "\(path):\(line):\(column): the file is not UTF-8; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')")
        }
    }

    private func readTable(current: URL) throws -> RegisterTable {
        let text = try readText(register, current: current)
        if register.lowercased().hasSuffix(".md") || register.lowercased().hasSuffix(".markdown") {
            let tables = MarkdownTableReader.tables(in: text)
            guard !tables.isEmpty else { throw CommandFailure("\(register) has no table") }
            if let table {
                guard tables.indices.contains(table - 1) else {
                    throw CommandFailure("\(register) has \(tables.count) tables; --table takes 1 to \(tables.count)")
                }
                return tables[table - 1]
            }
            guard tables.count == 1 else {
                let lines = tables.map { "line \($0.headerLine)" }.joined(separator: ", ")
                throw CommandFailure(
                    "\(register) has \(tables.count) tables (\(lines)); choose one with --table N")
            }
            return tables[0]
        }
        do {
            return try RegisterTable.csv(text)
        } catch {
            throw CommandFailure("\(register): \(error.description)")
        }
    }
}

/// A path as the user can use it from where they ran the command: relative to the current
/// folder when inside it, absolute otherwise.
func pathFromCurrentDirectory(_ url: URL) -> String {
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    let prefix = current.hasSuffix("/") ? current : current + "/"
    let path = url.standardizedFileURL.path
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}
