import Foundation

/// Where a handbook's folders are. Defaults follow cli.md: `content/`, `templates/` and
/// `output/` below the root; each can be overridden on the command line.
public struct HandbookPaths: Sendable {
    public var root: URL
    public var content: URL
    public var templates: URL
    public var output: URL
    public var settings: URL

    public init(root: URL, content: URL? = nil, templates: URL? = nil, output: URL? = nil) {
        let root = root.standardizedFileURL
        self.root = root
        self.content = (content ?? root.appendingPathComponent("content")).standardizedFileURL
        self.templates = (templates ?? root.appendingPathComponent("templates")).standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("output")).standardizedFileURL
        self.settings = root.appendingPathComponent("aimsbook.yml")
    }

    /// A path for reports: relative to the root when inside it, absolute otherwise.
    public func displayPath(_ url: URL) -> String {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }
}

/// Why a handbook could not be read at all (as opposed to problems inside it, which are diagnostics).
public struct HandbookLoadError: Error, CustomStringConvertible {
    public var description: String
}

/// Reads a handbook folder into a `HandbookSource`: the one place that touches the input files.
public enum HandbookLoader {
    /// - Parameters:
    ///   - gitHistory: read each file's commits from git (off for speed or privacy).
    ///   - memo: the previous load in this process (`serve`): a Markdown file whose size and
    ///     modification time are unchanged is taken from it instead of read and decoded again,
    ///     judged by the stamps the watcher offered (`ServeSession.offer(stamps:)`) when it did.
    public static func load(
        _ paths: HandbookPaths, gitHistory: Bool = false, memo: LoadMemo? = nil
    ) throws
        -> HandbookSource
    {
        BuiltInModels.parseInBackground()
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: paths.content.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw HandbookLoadError(
                description: "no content folder at \(paths.content.path): a handbook keeps its documents in content/")
        }
        // An unreadable content/ is no handbook to check: never an empty site in its place.
        guard let handle = opendir(paths.content.path) else {
            throw HandbookLoadError(
                description:
                    "cannot read the content folder \(paths.content.path): \(String(cString: strerror(errno))); give this user read access to it (for example chmod -R u+rX content)"
            )
        }
        closedir(handle)
        var source = HandbookSource(markdownFiles: [])
        let contentRoot = paths.content.resolvingSymlinksInPath().path
        // Paths by string concatenation, not `URL.appendingPathComponent` and `displayPath` per
        // file (a tenth of a large check): listed paths have no `.` or `..` to standardize, so
        // the display path of `content/x` minus its `x` is the prefix of every file's.
        let contentPath = paths.content.path.hasSuffix("/") ? paths.content.path : paths.content.path + "/"
        let displayPrefix = String(paths.displayPath(paths.content.appendingPathComponent("x")).dropLast())
        // Files are independent: read and decode them on all cores, keep the sorted order.
        let timings = StageTimings.shared
        let offered = memo?.takeOfferedStamps()
        // Taken from the memo, so that a one-file edit changes its entry in place rather than
        // in a copy of thousands; every way out of this function keeps a listing again.
        var last = memo?.takeListing()
        let grouped: Grouped
        if let memo, let offered, var listing = last, let lastStamps = listing.stamps,
            let changed = SourceStamps.changes(from: lastStamps, to: offered)
        {
            // The watcher saw the files the last load judged by its stamps, and the same files:
            // only those whose stamps changed are looked at (a one-file edit in thousands).
            let readStart = ContinuousClock.now
            last = nil
            for path in changed {
                guard let position = listing.positions[path] else { continue }
                let entry = Self.entry(
                    listing.listed[position], contentPath: contentPath, displayPrefix: displayPrefix,
                    contentRoot: contentRoot, keepsStamps: true, last: listing, offeredStamps: offered)
                listing.grouped.replace(listing.entries[position].entry, at: position, with: entry.entry)
                listing.entries[position] = entry
            }
            if listing.grouped.isStale { listing.grouped = Grouped(listing.entries) }
            listing.stamps = offered
            grouped = listing.grouped
            memo.keep(listing, partial: true)
            timings.record("load: changed files read", since: readStart)
        } else {
            let listed = timings.measure("load: files listed") { listFiles(under: paths.content) }
            let readStart = ContinuousClock.now
            let last = last
            let entries = listed.concurrentMap { file -> (entry: Entry, stamp: Int?) in
                Self.entry(
                    file, contentPath: contentPath, displayPrefix: displayPrefix, contentRoot: contentRoot,
                    keepsStamps: memo != nil, last: last, offeredStamps: offered)
            }
            grouped = Grouped(entries)
            if let memo {
                var positions: [String: Int] = [:]
                positions.reserveCapacity(listed.count)
                for (position, file) in listed.enumerated() { positions[contentPath + file.path] = position }
                memo.keep(
                    LoadMemo.Listing(
                        stamps: offered, listed: listed, entries: entries, positions: positions, grouped: grouped),
                    partial: false)
            }
            timings.record("load: files read", since: readStart)
        }
        let restStart = ContinuousClock.now
        defer { timings.record("load: git, templates, frameworks, settings", since: restStart) }
        source.markdownFiles = grouped.markdownFiles
        source.assets = grouped.assets
        source.diagnostics = grouped.problems
        if gitHistory {
            source.history = GitHistory.history(root: paths.root, content: paths.content, memo: memo)
        }
        source.templateOverrides = readTemplates(paths.templates)
        let frameworks = readFrameworkFiles(paths)
        source.frameworkFiles = frameworks.files
        source.diagnostics += frameworks.diagnostics
        if let text = try readSettings(paths.settings.path) { source.settingsText = text }
        return source
    }

    /// aimsbook.yml's text; nil when there is none. One that is there but cannot be read (a
    /// folder, no permission, not UTF-8) stops the command: the handbook's settings would
    /// silently be the defaults.
    static func readSettings(_ path: String) throws -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw HandbookLoadError(
                description: "cannot read \(path): \(String(cString: strerror(errno))); check the settings file")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw HandbookLoadError(
                description:
                    "\(path) is not a file (a folder or a device); the settings must be a YAML file: move it away or replace it"
            )
        }
        guard let bytes = FileBytes.contents(atPath: path) else {
            throw HandbookLoadError(
                description:
                    "cannot read \(path): \(String(cString: strerror(errno))); give this user read access to it")
        }
        guard case .success(let text) = TextDecoding.decode(bytes) else {
            throw HandbookLoadError(description: "\(path) is not valid UTF-8; save it as UTF-8")
        }
        return text
    }

    /// What one listed file becomes, and with `keepsStamps` (`serve`) the stamp under which a
    /// Markdown file is kept for the next load: a file whose stamp is the one it was read under
    /// in the `last` load is taken from it instead of read and decoded again.
    static func entry(
        _ file: ListedFile, contentPath: String, displayPrefix: String, contentRoot: String,
        keepsStamps: Bool = false, last: LoadMemo.Listing? = nil,
        offeredStamps: [String: SourceStamps.Stamp]? = nil
    ) -> (entry: Entry, stamp: Int?) {
        let absolutePath = contentPath + file.path
        let displayPath = displayPrefix + file.path
        switch file.problem {
        case .unreadableFolder(let code):
            return (
                .problem(
                    .error(
                        "unreadable-folder",
                        "cannot read this folder (\(String(cString: strerror(code)))): its documents are missing from the handbook; give this user read access to it (chmod -R u+rX)",
                        at: .file(displayPath))), nil
            )
        case .nameNotUTF8:
            return (
                .problem(
                    .error(
                        "file-name-not-utf8",
                        "this name is not valid UTF-8 (the bytes that are not are shown as \u{FFFD}); rename it, as the site cannot link to it",
                        at: .file(displayPath))), nil
            )
        case nil: break
        }
        if file.isSymbolicLink {
            let resolved = URL(fileURLWithPath: absolutePath).resolvingSymlinksInPath().path
            if !(resolved == contentRoot || resolved.hasPrefix(contentRoot + "/")) {
                return (
                    .problem(
                        .warning(
                            "symlink-outside-content",
                            "skipped: this symbolic link leads outside content/ (to \(resolved)); copy the file into content/ instead",
                            at: .file(displayPath))), nil
                )
            }
        }
        if file.isSpecial {
            return (
                .problem(
                    .warning(
                        "special-file",
                        "skipped: this is a named pipe, socket or device, not a file; keep only documents and their files in content/",
                        at: .file(displayPath))), nil
            )
        }
        let lowered = file.path.lowercased()
        guard lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") else {
            return (.asset(.init(path: displayPath, contentPath: file.path, absolutePath: absolutePath)), nil)
        }
        guard keepsStamps,
            let stamp = (offeredStamps?[absolutePath] ?? SourceStamps.stamp(absolutePath, followingLinks: true))?
                .hashValue
        else {
            return (read(absolutePath, displayPath: displayPath, contentPath: file.path), nil)
        }
        if let previous = last?.file(absolutePath, stamp: stamp) { return (.markdown(previous), stamp) }
        let entry = read(absolutePath, displayPath: displayPath, contentPath: file.path)
        guard case .markdown(let read) = entry else { return (entry, nil) }
        return (.markdown(read.hashed()), stamp)
    }

    /// The listed files' entries by kind, in order, as a `HandbookSource` holds them; kept with
    /// the listing, so that a one-file edit replaces one Markdown file in place instead of the
    /// thousands of entries being sorted into kinds again.
    struct Grouped: Sendable {
        var markdownFiles: [HandbookSource.MarkdownFile] = []
        var assets: [HandbookSource.Asset] = []
        var problems: [Diagnostic] = []
        /// For each entry, its place in `markdownFiles`, when it is a Markdown file.
        private var markdownPositions: [Int?] = []
        /// An entry changed kind: group them again.
        private(set) var isStale = false

        init(_ entries: [(entry: Entry, stamp: Int?)]) {
            markdownPositions.reserveCapacity(entries.count)
            // unsafe: groups the entries in place; no entry (a file's whole text) is copied to be looked at.
            entries.withUnsafeBufferPointer { entries in
                for position in entries.indices {
                    switch entries[position].entry {
                    case .markdown(let file):
                        markdownPositions.append(markdownFiles.count)
                        markdownFiles.append(file)
                    case .asset(let asset):
                        markdownPositions.append(nil)
                        assets.append(asset)
                    case .problem(let diagnostic):
                        markdownPositions.append(nil)
                        problems.append(diagnostic)
                    }
                }
            }
        }

        /// Replaces the entry at `position`, `old`, with `new`: in place when both are Markdown files.
        mutating func replace(_ old: Entry, at position: Int, with new: Entry) {
            guard case .markdown = old, case .markdown(let file) = new, let index = markdownPositions[position] else {
                isStale = true
                return
            }
            markdownFiles[index] = file
        }
    }

    /// What one listed file becomes.
    enum Entry: Sendable {
        case markdown(HandbookSource.MarkdownFile)
        case asset(HandbookSource.Asset)
        case problem(Diagnostic)
    }

    /// Reads and decodes one Markdown file.
    static func read(_ absolutePath: String, displayPath: String, contentPath: String) -> Entry {
        guard let bytes = FileBytes.contents(atPath: absolutePath) else {
            return .problem(
                .error(
                    "unreadable-file",
                    "cannot read this file (\(String(cString: strerror(errno)))); give this user read access to it (chmod u+r)",
                    at: .file(displayPath)))
        }
        switch TextDecoding.decode(bytes) {
        case .success(let text):
            return .markdown(.init(path: displayPath, contentPath: contentPath, text: text))
        case .failure(let line, let column):
            return .problem(
                .error(
                    "invalid-utf8", "this file is not valid UTF-8; save it as UTF-8",
                    at: SourceLocation(file: displayPath, line: line, column: column)))
        }
    }

    struct ListedFile: Sendable {
        var path: String
        var isSymbolicLink: Bool
        /// A named pipe, socket or device (or a link to one): reading it could block for ever.
        var isSpecial = false
        /// Why the entry is listed but cannot be taken in.
        var problem: Problem? = nil

        enum Problem: Sendable {
            /// A folder that cannot be opened, with `errno`: its files are unknown.
            case unreadableFolder(Int32)
            /// A name whose bytes are not UTF-8: `path` shows them repaired, so no file has it.
            case nameNotUTF8
        }
    }

    /// Files below a folder, relative to it, sorted, skipping hidden files and folders (and
    /// everything in them). A symbolic link to a folder is skipped; one to anything else is
    /// listed as a link, for the loader to check where it leads.
    ///
    /// Walks with `opendir`/`readdir`, whose entries carry their type: FileManager's enumerator
    /// asked for every entry's attributes (an `lstat` and a dictionary each), a serial twentieth
    /// of checking a large handbook. Like that enumerator, a folder that is itself a symbolic
    /// link, or missing, lists nothing.
    static func listFiles(under folder: URL) -> [ListedFile] {
        let root = folder.path
        var status = stat()
        // `stat`, not `lstat`: content/ may itself be a link to the folder that holds it.
        guard stat(root, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return [] }
        var files: [ListedFile] = []
        listFiles(in: root.hasSuffix("/") ? String(root.dropLast()) : root, relative: "", into: &files)
        files.sort { $0.path < $1.path }
        return files
    }

    private static func listFiles(in directory: String, relative: String, into files: inout [ListedFile]) {
        guard let handle = opendir(directory) else {
            files.append(ListedFile(path: relative, isSymbolicLink: false, problem: .unreadableFolder(errno)))
            return
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = FileSystem.name(of: entry)
            // Also skips `.` and `..`.
            if name.hasPrefix(".") { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            if !FileSystem.isUTF8Name(entry) {
                files.append(ListedFile(path: path, isSymbolicLink: false, problem: .nameNotUTF8))
                continue
            }
            let absolute = directory + "/" + name
            // unsafe: readdir's entry, valid until the next readdir call.
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var status = stat()
                guard lstat(absolute, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: type = Int32(DT_DIR)
                case S_IFLNK: type = Int32(DT_LNK)
                case S_IFREG: type = Int32(DT_REG)
                default: type = Int32(DT_FIFO)
                }
            }
            switch type {
            case Int32(DT_DIR):
                listFiles(in: absolute, relative: path, into: &files)
            case Int32(DT_LNK):
                var status = stat()
                let target = stat(absolute, &status) == 0 ? status.st_mode & S_IFMT : S_IFREG
                if target == S_IFDIR { continue }
                files.append(ListedFile(path: path, isSymbolicLink: true, isSpecial: target != S_IFREG))
            case Int32(DT_REG):
                files.append(ListedFile(path: path, isSymbolicLink: false))
            default:
                files.append(ListedFile(path: path, isSymbolicLink: false, isSpecial: true))
            }
        }
    }

    static func readTemplates(_ folder: URL) -> [String: String] {
        var templates: [String: String] = [:]
        for relative in listFiles(under: folder).filter({ !$0.isSpecial }).map(\.path) {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path),
                case .success(let text) = TextDecoding.decode(data)
            {
                templates[relative] = text
            }
        }
        return templates
    }
}
