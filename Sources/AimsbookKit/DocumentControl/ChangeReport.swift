import Foundation

/// What changed in the handbook between a revision (the last audit's tag, say) and HEAD: the
/// documents added, modified, retired and removed, each with its commits, and grouped by the
/// clauses and controls they cite — "what changed in A.6.2 since the last audit".
public struct ChangeReport: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable, CaseIterable {
        case added, modified, retired, removed
    }

    public struct Entry: Sendable, Hashable {
        public var id: String
        public var title: String
        public var path: String
        public var change: Change
        /// The commits between the revision and HEAD that changed the file, newest first.
        public var commits: [Revision]
        public var clauses: [String]
        public var controls: [String]
    }

    /// The revision as given (`audit-2026`) and the commit it names.
    public var since: String
    public var sinceCommit: String
    public var head: String
    /// In change order (added, modified, retired, removed), then by id.
    public var entries: [Entry]

    /// - Parameter commitsSince: the ids of the commits after the revision, up to HEAD.
    public init(
        since: String, sinceCommit: String, commitsSince: Set<String>, history: HandbookHistory, handbook: Handbook
    ) {
        self.since = since
        self.sinceCommit = sinceCommit
        self.head = history.head
        var byPath: [String: Int] = [:]
        for (position, document) in handbook.documents.enumerated() { byPath[document.path] = position }
        var entries: [Entry] = []
        for (path, file) in history.documents {
            let recent = file.revisions.filter { commitsSince.contains($0.commit) }
            guard let oldest = recent.last else { continue }
            let before = file.revisions.first { !commitsSince.contains($0.commit) }
            let document = byPath[path].map { handbook.documents[$0] }
            let fields = file.revisions.first?.fields
            let status = document?.status.rawValue ?? fields?.status
            let change: Change =
                oldest.change == .added || before == nil
                ? .added
                : status == "retired" && before?.fields?.status != "retired" ? .retired : .modified
            entries.append(
                Entry(
                    id: document?.id.value ?? fields?.id ?? path, title: document?.title ?? fields?.title ?? path,
                    path: path, change: change, commits: recent,
                    clauses: document?.clauses.map(\.value) ?? fields?.clauses ?? [],
                    controls: document?.controls.map(\.value) ?? fields?.controls ?? []))
        }
        for file in history.removed {
            let recent = file.revisions.filter { commitsSince.contains($0.commit) }
            guard let newest = recent.first, newest.change == .removed, recent.last?.change != .added,
                file.revisions.count > recent.count
            else { continue }
            let fields = newest.fields
            entries.append(
                Entry(
                    id: fields?.id ?? newest.path, title: fields?.title ?? newest.path, path: newest.path,
                    change: .removed, commits: recent, clauses: fields?.clauses ?? [],
                    controls: fields?.controls ?? []))
        }
        let order = Dictionary(uniqueKeysWithValues: Change.allCases.enumerated().map { ($1, $0) })
        self.entries = entries.sorted {
            (order[$0.change]!, $0.id, $0.path) < (order[$1.change]!, $1.id, $1.path)
        }
    }

    /// Each clause (or control) cited by a changed document, in the standard's order, with the
    /// entries citing it.
    public func grouped(by key: KeyPath<Entry, [String]>, order: [String]) -> [(id: String, entries: [Entry])] {
        var groups: [String: [Entry]] = [:]
        for entry in entries {
            for id in Set(entry[keyPath: key]) { groups[id, default: []].append(entry) }
        }
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return groups.keys.sorted {
            (position[$0] ?? Int.max, $0) < (position[$1] ?? Int.max, $1)
        }.map { ($0, groups[$0]!) }
    }

    public func count(_ change: Change) -> Int { entries.filter { $0.change == change }.count }
}

/// `aimsbook changes`: text for people and JSON for tools.
public enum ChangeReportWriter {
    public static func json(_ report: ChangeReport) -> String {
        let documents = report.entries.map { entry -> JSONValue in
            .object([
                ("id", .string(entry.id)), ("title", .string(entry.title)), ("file", .string(entry.path)),
                ("change", .string(entry.change.rawValue)),
                (
                    "commits",
                    .array(
                        entry.commits.map { commit in
                            .object([
                                ("commit", .string(commit.commit)), ("date", .string(commit.date.description)),
                                ("author", .string(commit.author)), ("subject", .string(commit.subject)),
                                ("version", commit.fields?.version.map(JSONValue.string) ?? .null),
                                ("status", commit.fields?.status.map(JSONValue.string) ?? .null),
                                ("approvedBy", .array(commit.approvals.map(JSONValue.string))),
                            ])
                        })
                ),
                ("clauses", .array(entry.clauses.map(JSONValue.string))),
                ("controls", .array(entry.controls.map(JSONValue.string))),
            ])
        }
        return JSONValue.object([
            ("since", .string(report.since)), ("sinceCommit", .string(report.sinceCommit)),
            ("head", .string(report.head)), ("documents", .array(documents)),
        ]).serialized(pretty: true) + "\n"
    }

    public static func text(_ report: ChangeReport, standard: StandardModel) -> String {
        let counts = ChangeReport.Change.allCases.map { "\(report.count($0)) \($0.rawValue)" }
        var output =
            "Changes since \(report.since) (\(report.sinceCommit.prefix(7))) to HEAD (\(report.head.prefix(7))): "
            + counts.joined(separator: ", ") + "\n"
        for change in ChangeReport.Change.allCases {
            let entries = report.entries.filter { $0.change == change }
            guard !entries.isEmpty else { continue }
            output += "\n\(change.rawValue.capitalized)\n"
            for entry in entries {
                output += "  \(entry.id)  \(entry.title)\n"
                for commit in entry.commits {
                    let approvals =
                        commit.approvals.isEmpty ? "" : " [approved by \(commit.approvals.joined(separator: ", "))]"
                    output +=
                        "    \(commit.date) \(commit.shortCommit) \(commit.author): \(commit.subject)\(approvals)\n"
                }
            }
        }
        for (label, key, order, title) in [
            ("By clause", \ChangeReport.Entry.clauses, standard.clauses.map(\.id), { standard.clause($0)?.title }),
            ("By control", \ChangeReport.Entry.controls, standard.controls.map(\.id), { standard.control($0)?.title }),
        ] as [(String, KeyPath<ChangeReport.Entry, [String]>, [String], (String) -> String?)] {
            let groups = report.grouped(by: key, order: order)
            guard !groups.isEmpty else { continue }
            output += "\n\(label)\n"
            for group in groups {
                let documents = group.entries.map { "\($0.id) (\($0.change.rawValue))" }.joined(separator: ", ")
                output += "  \(group.id) \(title(group.id) ?? ""): \(documents)\n"
            }
        }
        return output
    }
}

extension GitHistory {
    /// Why `changes --since` cannot run: not a repository, or a revision git does not know.
    public struct RevisionError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The commit `revision` names and the commits after it up to HEAD.
    public static func commits(since revision: String, root: URL) throws -> RevisionRange {
        guard repository(of: root) != nil else {
            throw RevisionError(
                description:
                    "\(root.path) is not in a git repository with commits; 'changes' compares git revisions")
        }
        guard !revision.hasPrefix("-"),
            let resolved = run(
                ["-C", root.path, "rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: root)?
                .trimmingCharacters(in: .whitespacesAndNewlines), !resolved.isEmpty
        else {
            throw RevisionError(
                description:
                    "'\(revision)' is not a revision of the repository at \(root.path); give a tag (git tag --list), a branch or a commit id"
            )
        }
        let list = run(["-C", root.path, "rev-list", "\(resolved)..HEAD"], in: root) ?? ""
        return RevisionRange(
            revision: revision, commit: resolved, commits: Set(list.split(separator: "\n").map(String.init)))
    }
}

/// A revision and the commits after it up to HEAD (`GitHistory.commits(since:root:)`).
public struct RevisionRange: Sendable, Hashable {
    public var revision: String
    public var commit: String
    public var commits: Set<String>
}

extension ChangeReport {
    public init(_ range: RevisionRange, history: HandbookHistory, handbook: Handbook) {
        self.init(
            since: range.revision, sinceCommit: range.commit, commitsSince: range.commits, history: history,
            handbook: handbook)
    }
}
