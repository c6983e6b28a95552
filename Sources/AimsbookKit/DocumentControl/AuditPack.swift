import Foundation

/// The audit pack (`aimsbook pack`): what an auditor asks for at the start of an audit, in one
/// archive — the built site, the SoA and master list as CSV, the readiness report as JSON, a
/// `PACK.txt` saying which commit it was made from, whether the tree was clean and the as-of
/// date, and `MANIFEST.sha256` listing every other file in `sha256sum`'s format. The same commit
/// and as-of date give the same bytes: entries in a fixed order, with one fixed time.
public enum AuditPack {
    /// Where the pack was made from.
    public struct Provenance: Sendable, Equatable {
        /// The commit HEAD named; nil outside git.
        public var commit: String?
        /// Handbook files (content, templates, settings, frameworks) with uncommitted changes.
        public var uncommitted: [String]
        public var asOf: Day

        public var isClean: Bool { commit != nil && uncommitted.isEmpty }
    }

    public struct Pack: Sendable {
        public var entries: [ArchiveEntry]
        public var provenance: Provenance
    }

    public static let manifest = "MANIFEST.sha256"
    public static let header = "PACK.txt"

    /// The files of the pack, `MANIFEST.sha256` first, the rest in path order.
    /// - Parameter changes: `pack --since REV`: added as `changes.json` (the site then has
    ///   `changes.html`).
    public static func make(
        _ checked: Pipeline.Checked, site: [OutputFile], paths: HandbookPaths, gitHistory: Bool,
        changes: ChangeReport? = nil
    ) throws -> Pack {
        let provenance = Provenance(
            commit: checked.source.history.isEmpty ? nil : checked.source.history.head,
            uncommitted: gitHistory ? uncommittedFiles(paths) : [], asOf: checked.asOf)
        let handbook = checked.handbook
        var files: [String: [UInt8]] = [:]
        for file in site { files["site/" + file.path] = try bytes(of: file) }
        files["soa.csv"] = Array(SoAExport.csv(StatementOfApplicability(handbook)).utf8)
        files["documents.csv"] = Array(MasterList(handbook).csv().utf8)
        files["audit.json"] = Array(AuditReportWriter.json(AuditReport(handbook: handbook, asOf: checked.asOf)).utf8)
        if let changes { files["changes.json"] = Array(ChangeReportWriter.json(changes).utf8) }
        files[header] = Array(headerText(provenance, settings: handbook.settings, changes: changes).utf8)
        let ordered = files.keys.sorted()
        let manifestText = ordered.map { SHA256.hex(files[$0]!) + "  " + $0 + "\n" }.joined()
        let entries =
            [ArchiveEntry(path: manifest, bytes: Array(manifestText.utf8))]
            + ordered.map { ArchiveEntry(path: $0, bytes: files[$0]!) }
        return Pack(entries: entries, provenance: provenance)
    }

    static func headerText(_ provenance: Provenance, settings: Settings, changes: ChangeReport? = nil) -> String {
        var text = "aimsbook audit pack\n"
        text += "handbook: \(settings.title)\n"
        if let organisation = settings.organisation { text += "organisation: \(organisation)\n" }
        text += "as-of: \(provenance.asOf)\n"
        text += "commit: \(provenance.commit ?? "none (the handbook is not in a git repository)")\n"
        if provenance.commit == nil {
            text += "tree: not under version control\n"
        } else if provenance.uncommitted.isEmpty {
            text += "tree: clean\n"
        } else {
            text += "tree: dirty (uncommitted changes; the pack shows the files as they were on disk)\n"
            for path in provenance.uncommitted { text += "  uncommitted: \(path)\n" }
        }
        text += "contents: site/ (the handbook site), soa.csv, documents.csv (master list), audit.json"
        if let changes {
            text += ", changes.json and site/changes.html (changes since \(changes.since), \(changes.sinceCommit))"
        }
        text += "\n"
        text += "verify: sha256sum -c \(manifest)\n"
        return text
    }

    static func bytes(of file: OutputFile) throws -> [UInt8] {
        switch file.contents {
        case .text(let text): return Array(text.utf8)
        case .pieces(let pieces): return pieces.flatMap { $0 }
        case .utf8(let bytes), .bytes(let bytes): return bytes
        case .copy(let from):
            guard let data = FileManager.default.contents(atPath: from) else {
                throw ArchiveError(description: "\(from) could not be read for the pack")
            }
            return [UInt8](data)
        }
    }

    /// The handbook's files git reports as changed, added or untracked, root-relative (git
    /// writes them relative to the repository's top folder).
    static func uncommittedFiles(_ paths: HandbookPaths) -> [String] {
        guard let repository = GitHistory.repository(of: paths.root),
            let status = GitHistory.run(
                [
                    "-C", paths.root.path, "-c", "core.quotePath=false", "status", "--porcelain",
                    "--untracked-files=all", "--", paths.content.path, paths.templates.path, paths.settings.path,
                    paths.frameworks.path,
                ], in: paths.root)
        else { return [] }
        let top = URL(fileURLWithPath: repository.topLevel).resolvingSymlinksInPath().standardizedFileURL.path
        let root = paths.root.resolvingSymlinksInPath().standardizedFileURL.path
        let prefix = root.hasPrefix(top + "/") ? String(root.dropFirst(top.count + 1)) + "/" : ""
        return status.split(separator: "\n").map { line in
            // `XY path`, or `XY old -> new` for a rename.
            var path = String(line.dropFirst(3))
            if let arrow = path.range(of: " -> ") { path = String(path[arrow.upperBound...]) }
            path = GitHistory.unquote(Substring(path))
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }.sorted()
    }
}
