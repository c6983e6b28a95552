import Mustache

/// The site's look: Mustache templates and static assets, the built-in theme (embedded from the
/// package's `templates/` folder at build time) overridden file by file by the handbook's own
/// `templates/` folder.
///
/// swift-mustache renders a missing partial as nothing, silently, so a theme is validated when it
/// is loaded: every template parses, every `{{>name}}` and `{{<name}}` names a template of the
/// theme, and every page template the renderer uses exists. Templates are compiled once per build.
public struct Theme: Sendable {
    /// Templates by name: the file's path under `templates/` without `.mustache`.
    public let library: MustacheLibrary
    public let templateNames: Set<String>
    /// Files under `templates/assets/`, by path inside the site (`assets/style.css`).
    public let assets: [String: String]
    /// A hash of every file of the theme, part of the render cache's key.
    let fingerprint: Int

    /// The page templates the renderer asks for by name.
    static let requiredTemplates = [
        "layout", "sidebar", "home", "document", "clause", "clauses", "control", "controls", "type-list", "risks",
        "ai-systems", "roles", "soa", "audit", "search", "print", "404", "frameworks", "framework",
        "framework-requirement", "framework-readiness", "risk-row", "type-row", "audit-finding", "actions",
        "documents", "master-row", "changes", "history-panel",
    ]

    /// Put above every template so `{{value}}` is escaped by `HTML.escape` (bytes, not
    /// characters) instead of swift-mustache's default; a standalone tag, so it adds no output.
    static let escapingPragma: String = {
        HTML.registerContentType
        return "{{% CONTENT_TYPE: \(HTML.contentTypeName) }}\n"
    }()

    /// The built-in theme, with `overrides` (`[path under templates/: text]`) replacing files of the same path.
    public static func load(overrides: [String: String] = [:]) throws -> Theme {
        var files = EmbeddedResources.templates
        for (path, text) in overrides { files[path] = text }
        return try Theme(files: files, overridden: Set(overrides.keys))
    }

    /// A theme from exactly these files, for tests and for `load`.
    init(files: [String: String], overridden: Set<String> = []) throws {
        func origin(_ path: String) -> String {
            overridden.contains(path)
                ? "templates/\(path) (the handbook's override)" : "templates/\(path) (built-in theme)"
        }
        var library = MustacheLibrary()
        var names: Set<String> = []
        var sources: [(name: String, path: String, text: String)] = []
        var assets: [String: String] = [:]
        let paths = files.keys.sorted()
        // Parsed on all cores (parsing the theme is the one long step between the model and
        // the pages); registered, and the first error reported, in path order.
        let templatePaths = paths.filter { !$0.hasPrefix("assets/") && $0.hasSuffix(".mustache") }
        let parsed = templatePaths.concurrentMap { path in
            Result { try MustacheTemplate(string: Self.escapingPragma + files[path]!) }
        }
        for path in paths where path.hasPrefix("assets/") { assets[path] = files[path]! }
        for (path, result) in zip(templatePaths, parsed) {
            let name = String(path.dropLast(".mustache".count))
            do {
                library.register(try result.get(), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma is a line of its own above the file's first line.
                throw ThemeError(
                    file: origin(path), line: max(1, error.context.lineNumber - 1),
                    column: error.context.columnNumber,
                    message: "the template does not parse: \(error.error)")
            }
            names.insert(name)
            sources.append((name, path, files[path]!))
        }
        for source in sources {
            for reference in Self.partialReferences(in: source.text) where !names.contains(reference.name) {
                throw ThemeError(
                    file: origin(source.path), line: reference.line, column: reference.column,
                    message:
                        "'{{\(reference.sigil)\(reference.name)}}' names no template: there is no templates/\(reference.name).mustache"
                        + Suggestion.didYouMean(reference.name, in: names.sorted()))
            }
        }
        for required in Self.requiredTemplates where !names.contains(required) {
            throw ThemeError(
                file: "templates/\(required).mustache", line: nil, column: nil,
                message: "the theme has no '\(required)' template, which the site needs")
        }
        self.library = library
        self.templateNames = names
        self.assets = assets
        var hasher = Hasher()
        for path in files.keys.sorted() {
            hasher.combine(path)
            hasher.combine(files[path]!)
        }
        fingerprint = hasher.finalize()
    }

    struct PartialReference: Equatable {
        var sigil: Character
        var name: String
        var line: Int
        var column: Int
    }

    /// Every `{{>name}}` and `{{<name}}` in a template, with its position. Dynamic partials
    /// (`{{>*name}}`) are resolved at render time and skipped; so are changed delimiters.
    static func partialReferences(in text: String) -> [PartialReference] {
        var references: [PartialReference] = []
        for (lineIndex, line) in lines(of: text).enumerated() {
            var rest = line[...]
            while let open = Self.firstRange(of: UInt8(ascii: "{"), in: rest) {
                let afterOpen = rest[open.upperBound...]
                guard let close = Self.firstRange(of: UInt8(ascii: "}"), in: afterOpen) else { break }
                let tag = RenderText.trimmed(afterOpen[..<close.lowerBound])
                if let sigil = tag.first, sigil == ">" || sigil == "<" {
                    let name = RenderText.trimmed(tag.dropFirst())
                    if !name.hasPrefix("*"), !name.isEmpty {
                        let column = line[..<open.lowerBound].count + 1
                        references.append(
                            PartialReference(sigil: sigil, name: String(name), line: lineIndex + 1, column: column))
                    }
                }
                rest = afterOpen[close.upperBound...]
            }
        }
        return references
    }

    /// The lines of `text`, empty ones included, cut at each `\n` byte (`splitting(by:)`): bytes,
    /// not `Character`s, so a `\r\n` (one `Character`) ends a line too and a template with Windows
    /// line endings is numbered line by line.
    static func lines(of text: String) -> [Substring] {
        text.splitting(by: "\n").map { $0[...] }
    }

    /// Where `{{` (or `}}`) first occurs in `text`, found through its bytes: an ASCII pair always
    /// starts and ends on a character boundary.
    private static func firstRange(of brace: UInt8, in text: Substring) -> Range<Substring.Index>? {
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == brace, next != bytes.endIndex, bytes[next] == brace {
                return index..<bytes.index(after: next)
            }
            index = next
        }
        return nil
    }

    /// Renders a template of the theme; a missing template is an error, never an empty page.
    func render(_ view: View, template: String) throws -> String {
        guard let output = try Self.naming(template, { try library.renderChecked(view, withTemplate: template) }) else {
            throw ThemeError(
                file: "templates/\(template).mustache", line: nil, column: nil,
                message: "the theme has no such template")
        }
        return output
    }

    /// A render that stopped (a partial that includes itself) as a theme error naming the partial.
    private static func naming<Output>(_ template: String, _ render: () throws -> Output) throws -> Output {
        do {
            return try render()
        } catch let error as MustacheRenderError {
            throw ThemeError(
                file: "templates/\(error.partial).mustache", line: nil, column: nil,
                message:
                    "this partial is nested more than 100 levels deep while rendering \(template): it includes itself, directly or through other partials; include it only inside a section that ends"
            )
        }
    }

    /// Renders a page of the theme from `view` over `frame` (the layout's keys, which the
    /// page's own override), as the UTF-8 bytes to write.
    func renderUTF8(_ view: View, over frame: View, template: String, capacity: Int) throws -> [UInt8] {
        guard
            let output = try Self.naming(
                template,
                { try library.renderUTF8Checked(view, over: frame, withTemplate: template, capacity: capacity) })
        else {
            throw ThemeError(
                file: "templates/\(template).mustache", line: nil, column: nil,
                message: "the theme has no such template")
        }
        return output
    }

    /// What a page's layout (header, sidebar, footer) adds to its own text, about.
    static let layoutRoom = 16 << 10

    /// About how many bytes a page of `view` takes: its text values, which a long table or list
    /// holds joined, and room for the layout around them.
    static func expectedSize(of view: View) -> Int {
        var size = layoutRoom
        // The exact type first: a failed cast of each list and dictionary to `String` costs a
        // dynamic cast that fails slowly.
        for value in view.values where type(of: value) == String.self {
            if let text = value as? String { size += text.utf8.count }
        }
        return size
    }

    /// Renders a page of the theme as the UTF-8 bytes to write.
    /// - Parameter capacity: the bytes expected (`expectedSize(of:)`).
    func renderUTF8(_ view: View, template: String, capacity: Int = 1024) throws -> [UInt8] {
        guard
            let output = try Self.naming(
                template, { try library.renderUTF8Checked(view, withTemplate: template, capacity: capacity) })
        else {
            throw ThemeError(
                file: "templates/\(template).mustache", line: nil, column: nil,
                message: "the theme has no such template")
        }
        return output
    }
}

/// A theme that cannot be used, named by its file (and position, where known) so the author of
/// an override knows what to fix.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(location): \(message)"
    }
}
