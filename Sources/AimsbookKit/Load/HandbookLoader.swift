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
    public static func load(_ paths: HandbookPaths) throws -> HandbookSource {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: paths.content.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw HandbookLoadError(
                description: "no content folder at \(paths.content.path): a handbook keeps its documents in content/")
        }
        var source = HandbookSource(markdownFiles: [])
        let contentRoot = paths.content.resolvingSymlinksInPath().path
        for relative in listFiles(under: paths.content) {
            let url = paths.content.appendingPathComponent(relative)
            let displayPath = paths.displayPath(url)
            let resolved = url.resolvingSymlinksInPath().path
            if !(resolved == contentRoot || resolved.hasPrefix(contentRoot + "/")) {
                source.diagnostics.append(
                    .warning(
                        "symlink-outside-content",
                        "skipped: this symbolic link leads outside content/ (to \(resolved)); copy the file into content/ instead",
                        at: .file(displayPath)))
                continue
            }
            if relative.lowercased().hasSuffix(".md") || relative.lowercased().hasSuffix(".markdown") {
                guard let data = fileManager.contents(atPath: url.path) else {
                    source.diagnostics.append(
                        .error("unreadable-file", "cannot read this file; check its permissions", at: .file(displayPath)))
                    continue
                }
                switch TextDecoding.decode(data) {
                case .success(let text):
                    source.markdownFiles.append(.init(path: displayPath, contentPath: relative, text: text))
                case .failure(let line, let column):
                    source.diagnostics.append(
                        .error(
                            "invalid-utf8",
                            "this file is not valid UTF-8; save it as UTF-8",
                            at: SourceLocation(file: displayPath, line: line, column: column)))
                }
            } else {
                source.assets.append(.init(path: displayPath, contentPath: relative, absolutePath: url.path))
            }
        }
        source.templateOverrides = readTemplates(paths.templates)
        if let data = fileManager.contents(atPath: paths.settings.path) {
            guard case .success(let text) = TextDecoding.decode(data) else {
                throw HandbookLoadError(description: "\(paths.settings.path) is not valid UTF-8")
            }
            source.settingsText = text
        }
        return source
    }

    /// Files below a folder, relative to it, sorted, skipping hidden files and folders.
    static func listFiles(under folder: URL) -> [String] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        else { return [] }
        let base = folder.standardizedFileURL.path
        var files: [String] = []
        for case let url as URL in enumerator {
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            if isDirectory { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            files.append(String(path.dropFirst(base.count + 1)))
        }
        return files.sorted()
    }

    static func readTemplates(_ folder: URL) -> [String: String] {
        var templates: [String: String] = [:]
        for relative in listFiles(under: folder) {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path),
                case .success(let text) = TextDecoding.decode(data)
            {
                templates[relative] = text
            }
        }
        return templates
    }
}
