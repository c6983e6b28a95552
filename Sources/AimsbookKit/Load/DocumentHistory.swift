/// The git record of a handbook's documents, read once for the whole content folder
/// (`GitHistory.read`): every commit that changed each file, following renames, with what its
/// front matter said at that commit. Document control (ISO/IEC 42001 7.5.3) is read from it.
public struct HandbookHistory: Sendable, Hashable {
    /// The full id of the commit the history was read at; empty outside git.
    public var head: String
    /// The files present at `head`, by root-relative path (`content/risks/bias.md`).
    public var documents: [String: DocumentHistory]
    /// Files removed before `head`, their newest revision the removal, newest removal first.
    public var removed: [DocumentHistory]

    public init(head: String = "", documents: [String: DocumentHistory] = [:], removed: [DocumentHistory] = []) {
        self.head = head
        self.documents = documents
        self.removed = removed
    }

    public var isEmpty: Bool { head.isEmpty }

    /// Equal histories have equal fingerprints: the history is a function of the commit it was
    /// read at and the folder it was read for, so hashing those stands for hashing thousands
    /// of revisions on each `serve` rebuild.
    public var fingerprint: Int {
        var hasher = Hasher()
        hasher.combine(head)
        hasher.combine(documents.count)
        hasher.combine(removed.count)
        for path in documents.keys.sorted() { hasher.combine(path) }
        return hasher.finalize()
    }
}

/// One file's commits, newest first.
public struct DocumentHistory: Sendable, Hashable {
    public var revisions: [Revision]

    public init(revisions: [Revision]) { self.revisions = revisions }

    /// The newest commit that carries an `Approved-by` trailer.
    public var lastApproval: Revision? { revisions.first { !$0.approvals.isEmpty } }

    /// The newest commit.
    public var lastChange: Revision? { revisions.first }
}

/// A commit as it touched one file.
public struct Revision: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable {
        case added, modified, renamed, removed
    }

    public var commit: String
    public var shortCommit: String
    public var date: Day
    public var author: String
    public var email: String
    public var subject: String
    /// Role ids of the commit's `Approved-by:` trailers, as written.
    public var approvals: [String]
    public var change: Change
    /// Whether the file's bytes changed (a rename alone leaves them as they were).
    public var changedContent: Bool
    /// Root-relative path after the commit (before it, for a removal).
    public var path: String
    /// The git blob id of the file after the commit (before it, for a removal): equal ids are
    /// equal contents, so a merge that lands an approved version unchanged is no change.
    public var blob: String
    /// The front matter the file had after the commit (before it, for a removal); nil when
    /// it could not be read.
    public var fields: RecordedFields?

    public init(
        commit: String, shortCommit: String, date: Day, author: String, email: String, subject: String,
        approvals: [String], change: Change, changedContent: Bool = true, path: String, blob: String = "",
        fields: RecordedFields?
    ) {
        self.commit = commit
        self.shortCommit = shortCommit
        self.date = date
        self.author = author
        self.email = email
        self.subject = subject
        self.approvals = approvals
        self.change = change
        self.changedContent = changedContent
        self.path = path
        self.blob = blob
        self.fields = fields
    }
}

/// The front-matter fields document control looks at, as a commit recorded them.
public struct RecordedFields: Sendable, Hashable {
    public var id: String?
    public var title: String?
    public var status: String?
    public var version: String?
    public var owner: String?
    /// `approver` and `approvers` together, in order.
    public var approvers: [String]
    public var clauses: [String]
    public var controls: [String]

    public init(
        id: String? = nil, title: String? = nil, status: String? = nil, version: String? = nil,
        owner: String? = nil, approvers: [String] = [], clauses: [String] = [], controls: [String] = []
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.version = version
        self.owner = owner
        self.approvers = approvers
        self.clauses = clauses
        self.controls = controls
    }

    /// Reads the fields from a file's text; nil when it has no readable front matter.
    public static func read(_ text: String) -> RecordedFields? {
        guard case .success(let split) = FrontMatterSplitter.split(text, file: ""),
            case .success(let frontMatter) = FrontMatterParser.parse(split, file: "")
        else { return nil }
        func scalar(_ key: String) -> String? {
            frontMatter[key]?.value.scalar.flatMap { $0.isEmpty ? nil : $0 }
        }
        func list(_ key: String) -> [String] {
            frontMatter[key].map { $0.value.scalarList(key: key).values.map(\.value) } ?? []
        }
        return RecordedFields(
            id: scalar("id"), title: scalar("title"), status: scalar("status"), version: scalar("version"),
            owner: scalar("owner"), approvers: list("approver") + list("approvers"), clauses: list("clauses"),
            controls: list("controls"))
    }
}
