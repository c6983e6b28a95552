/// The master list of documented information (ISO/IEC 42001 7.5.3): every document with its
/// identification, version, owner and approver, dates, last change and last approval from git,
/// and retention, as a table for a terminal, CSV for a spreadsheet and JSON.
public struct MasterList: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var title: String
        public var type: String
        public var status: String
        public var version: String?
        public var owner: String?
        /// The approving roles as written (`approver` or `approvers`), in order.
        public var approvers: [String]
        public var effective: Day?
        public var review: Day?
        public var lastChange: Revision?
        public var lastApproval: Revision?
        public var retention: Retention?
        public var path: String
        /// Fields of other tools (`x-…`, `extra:`), as written.
        public var extraFields: [ExtraField] = []
    }

    public var entries: [Entry]

    /// In id order, as the handbook keeps its documents.
    public init(_ handbook: Handbook) {
        var entries: [Entry] = []
        handbook.forEachDocument { entries.append(Entry($0)) }
        self.entries = entries.sorted { $0.id < $1.id }
    }

    public static let columns = [
        "id", "title", "type", "status", "version", "owner", "approver", "effective", "review",
        "last change date", "last change commit", "last approval date", "last approval commit",
        "last approval by", "retention", "file",
    ]

    static func row(_ entry: Entry) -> [String] {
        [
            entry.id, entry.title, entry.type, entry.status, entry.version ?? "", entry.owner ?? "",
            entry.approvers.joined(separator: "; "), entry.effective?.description ?? "",
            entry.review?.description ?? "",
            entry.lastChange?.date.description ?? "", entry.lastChange?.shortCommit ?? "",
            entry.lastApproval?.date.description ?? "", entry.lastApproval?.shortCommit ?? "",
            entry.lastApproval?.approvals.joined(separator: " ") ?? "", entry.retention?.description ?? "",
            entry.path,
        ]
    }

    /// RFC 4180 with a BOM, as the SoA's CSV (`SoAExport.csv`).
    public func csv() -> String {
        var output = "\u{FEFF}"
        output.reserveCapacity(256 + entries.count * 128)
        SoAExport.appendCSVRow(Self.columns, to: &output)
        for entry in entries { SoAExport.appendCSVRow(Self.row(entry), to: &output) }
        return output
    }

    public func json() -> String {
        func revision(_ revision: Revision?, approval: Bool) -> JSONValue {
            guard let revision else { return .null }
            var pairs: [(String, JSONValue)] = [
                ("date", .string(revision.date.description)), ("commit", .string(revision.shortCommit)),
                ("author", .string(revision.author)),
            ]
            if approval { pairs.append(("roles", .array(revision.approvals.map(JSONValue.string)))) }
            return .object(pairs)
        }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        let documents = entries.map { entry -> JSONValue in
            .object([
                ("id", .string(entry.id)), ("title", .string(entry.title)), ("type", .string(entry.type)),
                ("status", .string(entry.status)), ("version", optional(entry.version)),
                ("owner", optional(entry.owner)), ("approver", optional(entry.approvers.first)),
                ("approvers", .array(entry.approvers.map(JSONValue.string))),
                ("effective", optional(entry.effective?.description)), ("review", optional(entry.review?.description)),
                ("lastChange", revision(entry.lastChange, approval: false)),
                ("lastApproval", revision(entry.lastApproval, approval: true)),
                ("retention", optional(entry.retention?.description)), ("file", .string(entry.path)),
                ("extra", .object(entry.extraFields.map { ($0.key, .string($0.value)) })),
            ])
        }
        return JSONValue.object([("documents", .array(documents))]).serialized(pretty: true) + "\n"
    }

    /// An aligned table for a terminal: the columns an auditor scans first.
    public func table() -> String {
        let headers = ["ID", "Status", "Version", "Owner", "Approver", "Last change", "Last approval", "Retention"]
        let rows = entries.map { entry -> [String] in
            [
                entry.id, entry.status, entry.version ?? "-", entry.owner ?? "-",
                entry.approvers.isEmpty ? "-" : entry.approvers.joined(separator: ","),
                entry.lastChange.map { "\($0.date) \($0.shortCommit)" } ?? "-",
                entry.lastApproval.map { "\($0.date) \($0.approvals.joined(separator: ","))" } ?? "-",
                entry.retention?.description ?? "-",
            ]
        }
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { SoAExport.pad($0, $1) }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var output = line(headers) + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { output += line(row) }
        let approved = entries.filter { $0.lastApproval != nil }.count
        output += "\n\(entries.count) documents, \(approved) with an approval commit\n"
        return output
    }
}

extension MasterList.Entry {
    /// One document's line of the list.
    public init(_ document: Document) {
        self.init(
            id: document.id.value, title: document.title, type: document.type.rawValue,
            status: document.status.rawValue, version: document.version, owner: document.owner?.value,
            approvers: document.approvers.map(\.value), effective: document.effective, review: document.review?.value,
            lastChange: document.history?.lastChange, lastApproval: document.history?.lastApproval,
            retention: document.retention, path: document.path, extraFields: document.extraFields)
    }
}
