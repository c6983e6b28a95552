import Yams

/// Which column of a register becomes which front-matter field, given on the command line
/// (`--map "Risk owner=owner"`) or in a small YAML file, and fixed values for every document
/// (`--set status=approved`). A column whose header already is a field's name (`Owner`,
/// `Residual likelihood`) needs no mapping.
public struct ImportMapping: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case field(String)
        /// The cell's text goes into the body of a new document, under a heading of the column's
        /// name when several columns do.
        case body
        /// Left out on purpose (`--map "Notes=-"`).
        case ignored
    }

    /// By column header, compared without case and surrounding spaces.
    public var columns: [String: Target] = [:]
    /// Values every imported document gets, by field, unless a column gives one.
    public var fixed: [(field: String, value: String)] = []
    /// The folder under content/ for new documents (default: the type's usual folder).
    public var folder: String?
    /// The document type, when the mapping file names it.
    public var type: DocumentType?

    public init() {}

    public static func == (lhs: ImportMapping, rhs: ImportMapping) -> Bool {
        lhs.columns == rhs.columns && lhs.folder == rhs.folder && lhs.type == rhs.type
            && lhs.fixed.map(\.field) == rhs.fixed.map(\.field) && lhs.fixed.map(\.value) == rhs.fixed.map(\.value)
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `COLUMN=FIELD` (split at the last `=`, so a column's name may hold one).
    public mutating func add(map argument: String) throws(Failure) {
        guard let equals = argument.lastIndex(of: "=") else {
            throw Failure(description: "--map takes COLUMN=FIELD (e.g. --map \"Risk owner=owner\"), not '\(argument)'")
        }
        let column = String(argument[..<equals]).trimmingSpaces()
        let target = String(argument[argument.index(after: equals)...]).trimmingSpaces()
        guard !column.isEmpty else { throw Failure(description: "--map '\(argument)' names no column") }
        columns[Self.key(column)] = Self.target(target)
    }

    /// `FIELD=VALUE`.
    public mutating func add(set argument: String) throws(Failure) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw Failure(description: "--set takes FIELD=VALUE (e.g. --set status=approved), not '\(argument)'")
        }
        fixed.append(
            (String(argument[..<equals]).trimmingSpaces(), String(argument[argument.index(after: equals)...])))
    }

    /// A mapping file:
    /// ```yaml
    /// type: risk
    /// folder: risks/register
    /// columns:
    ///   Risk ID: id
    ///   Risk owner: owner
    ///   Description: body
    ///   Notes: "-"
    /// set:
    ///   status: approved
    /// ```
    public static func parse(yaml text: String, file: String) throws(Failure) -> ImportMapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw Failure(description: "\(file) is not valid YAML: \(error)")
        }
        var mapping = ImportMapping()
        guard let root = node?.mapping else {
            throw Failure(
                description:
                    "\(file) must be a YAML mapping with 'columns:' (and optionally 'type:', 'set:', 'folder:')")
        }
        for (keyNode, value) in root {
            let key = keyNode.string ?? ""
            switch key {
            case "type":
                guard let name = value.string, let type = DocumentType(rawValue: name) else {
                    throw Failure(
                        description:
                            "\(file):\(value.mark?.line ?? 1): 'type' must be one of \(DocumentType.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                mapping.type = type
            case "folder":
                mapping.folder = value.string
            case "columns":
                guard let columns = value.mapping else {
                    throw Failure(
                        description: "\(file):\(value.mark?.line ?? 1): 'columns' maps each column's header to a field")
                }
                for (column, target) in columns {
                    mapping.columns[Self.key(column.string ?? "")] = Self.target(target.string ?? "-")
                }
            case "set":
                guard let fixed = value.mapping else {
                    throw Failure(description: "\(file):\(value.mark?.line ?? 1): 'set' maps fields to values")
                }
                for (field, fixedValue) in fixed {
                    let text = fixedValue.sequence.map { $0.compactMap(\.string).joined(separator: ", ") }
                    mapping.fixed.append((field.string ?? "", text ?? fixedValue.string ?? ""))
                }
            default:
                throw Failure(
                    description:
                        "\(file):\(keyNode.mark?.line ?? 1): '\(key)' is not a key of a mapping file; use columns, set, type or folder"
                )
            }
        }
        return mapping
    }

    static func key(_ column: String) -> String { column.trimmingSpaces().lowercased() }

    static func target(_ text: String) -> Target {
        switch text.lowercased() {
        case "-", "", "ignore": .ignored
        case "body": .body
        default: .field(text)
        }
    }

    /// The target of a column: as mapped, or the field the header names (`Residual likelihood`
    /// is `residual_likelihood`), or nil when neither.
    func target(of column: String, fields: [String]) -> Target? {
        if let mapped = columns[Self.key(column)] { return mapped }
        let normalised = String(
            Self.key(column).map { $0 == " " || $0 == "-" ? "_" : $0 })
        if fields.contains(normalised) { return .field(normalised) }
        if normalised == "name" { return .field("title") }
        if normalised == "description" { return .body }
        return nil
    }
}
