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
    /// - Parameter gitHistory: read each file's last change from git (off for speed or privacy).
    public static func load(_ paths: HandbookPaths, gitHistory: Bool = false) throws -> HandbookSource {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: paths.content.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw HandbookLoadError(
                description: "no content folder at \(paths.content.path): a handbook keeps its documents in content/")
        }
        var source = HandbookSource(markdownFiles: [])
        let contentRoot = paths.content.resolvingSymlinksInPath().path
        enum Entry: Sendable {
            case markdown(HandbookSource.MarkdownFile)
            case asset(HandbookSource.Asset)
            case problem(Diagnostic)
        }
        // Files are independent: read and decode them on all cores, keep the sorted order.
        let entries = listFiles(under: paths.content).concurrentMap { file -> Entry in
            let url = paths.content.appendingPathComponent(file.path)
            let displayPath = paths.displayPath(url)
            if file.isSymbolicLink {
                let resolved = url.resolvingSymlinksInPath().path
                if !(resolved == contentRoot || resolved.hasPrefix(contentRoot + "/")) {
                    return .problem(
                        .warning(
                            "symlink-outside-content",
                            "skipped: this symbolic link leads outside content/ (to \(resolved)); copy the file into content/ instead",
                            at: .file(displayPath)))
                }
            }
            let lowered = file.path.lowercased()
            guard lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") else {
                return .asset(.init(path: displayPath, contentPath: file.path, absolutePath: url.path))
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return .problem(
                    .error("unreadable-file", "cannot read this file; check its permissions", at: .file(displayPath)))
            }
            switch TextDecoding.decode(data) {
            case .success(let text):
                return .markdown(.init(path: displayPath, contentPath: file.path, text: text))
            case .failure(let line, let column):
                return .problem(
                    .error(
                        "invalid-utf8", "this file is not valid UTF-8; save it as UTF-8",
                        at: SourceLocation(file: displayPath, line: line, column: column)))
            }
        }
        for entry in entries {
            switch entry {
            case .markdown(let file): source.markdownFiles.append(file)
            case .asset(let asset): source.assets.append(asset)
            case .problem(let diagnostic): source.diagnostics.append(diagnostic)
            }
        }
        if gitHistory {
            source.lastChanges = GitHistory.lastChanges(root: paths.root, content: paths.content)
        }
        source.templateOverrides = readTemplates(paths.templates)
        let frameworks = readFrameworkFiles(paths)
        source.frameworkFiles = frameworks.files
        source.diagnostics += frameworks.diagnostics
        if let data = fileManager.contents(atPath: paths.settings.path) {
            guard case .success(let text) = TextDecoding.decode(data) else {
                throw HandbookLoadError(description: "\(paths.settings.path) is not valid UTF-8")
            }
            source.settingsText = text
        }
        return source
    }

    struct ListedFile: Sendable {
        var path: String
        var isSymbolicLink: Bool
    }

    /// Files below a folder, relative to it, sorted, skipping hidden files and folders.
    static func listFiles(under folder: URL) -> [ListedFile] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [ListedFile] = []
        while let path = enumerator.nextObject() as? String {
            let name = path.split(separator: "/").last ?? ""
            let type = enumerator.fileAttributes?[.type] as? FileAttributeType
            if name.hasPrefix(".") {
                if type == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            switch type {
            case .typeDirectory?:
                continue
            case .typeSymbolicLink?:
                var isDirectory: ObjCBool = false
                let target = folder.appendingPathComponent(path).path
                if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
                    continue
                }
                files.append(ListedFile(path: path, isSymbolicLink: true))
            default:
                files.append(ListedFile(path: path, isSymbolicLink: false))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    static func readTemplates(_ folder: URL) -> [String: String] {
        var templates: [String: String] = [:]
        for relative in listFiles(under: folder).map(\.path) {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path),
                case .success(let text) = TextDecoding.decode(data)
            {
                templates[relative] = text
            }
        }
        return templates
    }
}
