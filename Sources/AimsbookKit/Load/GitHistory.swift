import Dispatch
import Foundation

/// When a document last changed in git, for the "last changed" line on its page.
public struct LastChange: Sendable, Hashable {
    public var date: Day
    /// The abbreviated commit id.
    public var commit: String

    public init(date: Day, commit: String) {
        self.date = date
        self.commit = commit
    }
}

/// Reads the history of the content folder with two git processes for the whole handbook, not
/// one per file or commit: one `git log --raw -M` lists every commit and the blobs it wrote,
/// then one `git cat-file --batch` hands over those blobs, whose front matter gives each
/// revision's version and status. Outside a git repository, or without git, there is simply
/// no history. Git is started through Foundation's `Process`, which the package already uses.
public enum GitHistory {
    /// The trailer that records an approval: `Approved-by: ROLE-AIGO` in a commit message.
    public static let approvalTrailer = "Approved-by"

    /// - Parameter memo: `serve`'s: the history is read again only when HEAD moved.
    public static func history(root: URL, content: URL, memo: LoadMemo? = nil) -> HandbookHistory {
        guard let repository = repository(of: root) else { return HandbookHistory() }
        var key = Hasher()
        key.combine(repository.topLevel)
        key.combine(repository.head)
        key.combine(content.path)
        guard let memo else { return read(repository, root: root, content: content) }
        return memo.gitHistory(key: key.finalize()) { read(repository, root: root, content: content) }
    }

    /// Where a repository is and what HEAD is.
    struct Repository {
        var topLevel: String
        var head: String
        /// How many hex digits git abbreviates commit ids to in this repository (`--short`).
        var abbreviation: Int
    }

    /// The repository's top folder and HEAD; nil outside git or before the first commit.
    static func repository(of root: URL) -> Repository? {
        guard mayBeInRepository(root),
            let lines = run(["-C", root.path, "rev-parse", "--show-toplevel", "HEAD", "--short", "HEAD"], in: root)?
                .split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }), lines.count == 3,
            !lines[0].isEmpty
        else { return nil }
        return Repository(topLevel: lines[0], head: lines[1], abbreviation: max(4, lines[2].count))
    }

    static let logFormat =
        "%x1e%H%x1f%h%x1f%cs%x1f%an%x1f%ae%x1f%s%x1f%(trailers:key=\(approvalTrailer),valueonly,separator=%x1d)"

    static func read(_ repository: Repository, root: URL, content: URL) -> HandbookHistory {
        // Parents after their children (`--topo-order`), so renames are followed backwards
        // correctly; a merge shows what it changed on the first parent (a pull request's merge
        // commit is where its approval trailer usually is).
        let timings = StageTimings.shared
        let arguments = [
            "-C", repository.topLevel, "-c", "core.quotePath=false", "log", "--topo-order", "-M",
            "--diff-merges=first-parent", "--raw", "--no-abbrev", "--format=\(logFormat)", "--", content.path,
        ]
        guard let log = timings.measure("load: git log", { run(arguments, in: root) }) else { return HandbookHistory() }
        // `--no-abbrev` (full blob ids) also makes `%h` full: shortened here as `--short` would.
        let commits = parse(log).map { commit in
            var commit = commit
            commit.shortCommit = String(commit.commit.prefix(repository.abbreviation))
            return commit
        }
        var blobs = Set<String>()
        for commit in commits {
            for file in commit.files { if let blob = file.recordedBlob { blobs.insert(blob) } }
        }
        let texts = timings.measure("load: git cat-file") {
            readBlobs(blobs.sorted(), topLevel: repository.topLevel, root: root)
        }
        let fields = timings.measure("load: front matter of \(texts.count) revisions") {
            Dictionary(uniqueKeysWithValues: Array(texts).concurrentMap { ($0.key, RecordedFields.read($0.value)) })
        }
        return assemble(
            commits, head: repository.head, fields: { fields[$0] ?? nil },
            topLevel: URL(fileURLWithPath: repository.topLevel), root: root)
    }

    /// One commit of the log with the files it changed under content/.
    struct LoggedCommit: Sendable, Equatable {
        var commit: String
        var shortCommit: String
        var date: Day
        var author: String
        var email: String
        var subject: String
        var approvals: [String]
        var files: [LoggedFile]
    }

    /// One `--raw` line: `:100644 100644 <old> <new> M\tpath` or `R095\told\tnew`.
    struct LoggedFile: Sendable, Equatable {
        var status: Character
        var similarity: Int
        var oldBlob: String
        var newBlob: String
        var oldPath: String
        var path: String

        /// The blob whose front matter the revision records: the one written, or for a
        /// removal the one removed.
        var recordedBlob: String? {
            let blob = status == "D" ? oldBlob : newBlob
            return blob.allSatisfy { $0 == "0" } ? nil : blob
        }
    }

    /// Parses the log of `logFormat` with `--raw`.
    static func parse(_ log: String) -> [LoggedCommit] {
        var commits: [LoggedCommit] = []
        for record in log.split(separator: "\u{1E}") {
            let lines = record.split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first else { continue }
            let parts = header.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 6, let date = Day(parts[2]) else { continue }
            let approvals =
                parts.count > 6
                ? parts[6].split(separator: "\u{1D}").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                } : []
            var files: [LoggedFile] = []
            for line in lines.dropFirst() where line.hasPrefix(":") {
                let halves = line.split(separator: "\t", omittingEmptySubsequences: false)
                let meta = halves[0].split(separator: " ")
                guard halves.count >= 2, meta.count >= 5, let status = meta[4].first else { continue }
                let similarity = Int(meta[4].dropFirst()) ?? 0
                let oldPath = unquote(halves[1])
                let path = halves.count > 2 ? unquote(halves[2]) : oldPath
                files.append(
                    LoggedFile(
                        status: status, similarity: similarity, oldBlob: String(meta[2]), newBlob: String(meta[3]),
                        oldPath: oldPath, path: path))
            }
            commits.append(
                LoggedCommit(
                    commit: parts[0], shortCommit: parts[1], date: date, author: parts[3], email: parts[4],
                    subject: parts[5], approvals: approvals, files: files))
        }
        return commits
    }

    /// A path as git writes it: quoted, with C escapes, when it has unusual characters.
    static func unquote(_ text: Substring) -> String {
        guard text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 else { return String(text) }
        var bytes: [UInt8] = []
        var characters = Array(text.dropFirst().dropLast().utf8)[...]
        while let byte = characters.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = characters.popFirst() else {
                bytes.append(byte)
                continue
            }
            switch next {
            case UInt8(ascii: "n"): bytes.append(10)
            case UInt8(ascii: "t"): bytes.append(9)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - UInt8(ascii: "0"))
                for _ in 0..<2 {
                    guard let digit = characters.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit)
                    else { break }
                    value = value * 8 + Int(digit - UInt8(ascii: "0"))
                    characters.removeFirst()
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(next)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Follows each file back through the commits (newest first), across renames, and keeps
    /// the files under `root`.
    static func assemble(
        _ commits: [LoggedCommit], head: String, fields: (String) -> RecordedFields?, topLevel: URL, root: URL
    ) -> HandbookHistory {
        let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
        let topPath = topLevel.resolvingSymlinksInPath().standardizedFileURL.path
        func relative(_ name: String) -> String? {
            let absolute = topPath + "/" + name
            guard absolute.hasPrefix(rootPath + "/") else { return nil }
            return String(absolute.dropFirst(rootPath.count + 1))
        }
        // The file each path is, going back in time: a path added by a commit belonged to
        // another file (or none) before it; a renamed file had its old path before.
        var current: [String: Int] = [:]
        var files: [[Revision]] = []
        func newFile() -> Int {
            files.append([])
            return files.count - 1
        }
        for commit in commits {
            for file in commit.files {
                guard let path = relative(file.path) else { continue }
                let change: Revision.Change
                let identity: Int
                switch file.status {
                case "A":
                    change = .added
                    identity = current[file.path] ?? newFile()
                    current[file.path] = nil
                case "D":
                    change = .removed
                    identity = current[file.path] ?? newFile()
                    current[file.path] = identity
                case "R":
                    change = .renamed
                    identity = current[file.path] ?? newFile()
                    current[file.path] = nil
                    current[file.oldPath] = identity
                default:
                    change = .modified
                    identity = current[file.path] ?? newFile()
                    current[file.path] = identity
                }
                files[identity].append(
                    Revision(
                        commit: commit.commit, shortCommit: commit.shortCommit, date: commit.date,
                        author: commit.author, email: commit.email, subject: commit.subject,
                        approvals: commit.approvals, change: change,
                        changedContent: !(change == .renamed && file.similarity == 100), path: path,
                        blob: file.recordedBlob ?? "", fields: file.recordedBlob.flatMap(fields)))
            }
        }
        var history = HandbookHistory(head: head)
        for revisions in files {
            guard let newest = revisions.first else { continue }
            if newest.change == .removed {
                history.removed.append(DocumentHistory(revisions: revisions))
            } else if history.documents[newest.path] == nil {
                history.documents[newest.path] = DocumentHistory(revisions: revisions)
            }
        }
        return history
    }

    /// Every blob's text through one `git cat-file --batch`.
    static func readBlobs(_ blobs: [String], topLevel: String, root: URL) -> [String: String] {
        guard !blobs.isEmpty,
            let output = runBytes(
                ["-C", topLevel, "cat-file", "--batch"], in: root,
                input: Data((blobs.joined(separator: "\n") + "\n").utf8))
        else { return [:] }
        return parseBatch(output)
    }

    /// Parses `cat-file --batch` output: `<id> blob <size>\n<bytes>\n`, repeated.
    static func parseBatch(_ output: [UInt8]) -> [String: String] {
        var texts: [String: String] = [:]
        var position = 0
        while position < output.count {
            guard let end = output[position...].firstIndex(of: 10) else { break }
            let header = String(decoding: output[position..<end], as: UTF8.self).split(separator: " ")
            position = end + 1
            guard header.count == 3, let size = Int(header[2]) else { continue }  // "<id> missing"
            guard position + size <= output.count else { break }
            texts[String(header[0])] = String(decoding: output[position..<position + size], as: UTF8.self)
            position += size + 1
        }
        return texts
    }

    /// Whether `folder` or a folder above it has a `.git` (or `GIT_DIR` names one): without one
    /// git can only fail, and starting it to find out was a twentieth of a build outside git.
    static func mayBeInRepository(
        _ folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> Bool
    {
        if environment["GIT_DIR"] != nil { return true }
        for start in [folder.standardizedFileURL.path, folder.resolvingSymlinksInPath().path] {
            var path = start
            while true {
                if access((path == "/" ? "" : path) + "/.git", F_OK) == 0 { return true }
                guard path != "/", !path.isEmpty else { break }
                path = (path as NSString).deletingLastPathComponent
            }
        }
        return false
    }

    static func run(_ arguments: [String], in directory: URL) -> String? {
        runBytes(arguments, in: directory).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs git; nil when it cannot start or fails. `input` is written from another thread
    /// while the output is read, so that neither pipe fills up and stops the other.
    static func runBytes(_ arguments: [String], in directory: URL, input: Data? = nil) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let inputPipe = input.map { _ in Pipe() }
        if let inputPipe { process.standardInput = inputPipe } else { process.standardInput = FileHandle.nullDevice }
        do {
            try process.run()
        } catch {
            return nil
        }
        let writing = DispatchGroup()
        if let input, let handle = inputPipe?.fileHandleForWriting {
            DispatchQueue.global().async(group: writing) {
                try? handle.write(contentsOf: input)
                try? handle.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        writing.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return [UInt8](data)
    }
}

extension HandbookHistory {
    /// The last change of each file, for the page's "last changed" line.
    public func lastChange(of path: String) -> LastChange? {
        documents[path]?.lastChange.map { LastChange(date: $0.date, commit: $0.shortCommit) }
    }
}
