import Foundation

/// The raw input of one build, read from disk once: every Markdown file's text and every asset's
/// location. Everything after loading works on these values, never on the file system.
public struct HandbookSource: Sendable {
    /// A Markdown file under content/.
    public struct MarkdownFile: Sendable, Hashable {
        /// Relative to the handbook root, with `/` separators: `content/risks/bias.md`.
        public var path: String
        /// Relative to content/: `risks/bias.md`. Links by path resolve against this.
        public var contentPath: String
        public var text: String
        /// A hash of `text`'s bytes, when the loader made one for `serve`'s cache (it then
        /// need not hash megabytes again on every rebuild); nil otherwise.
        public var textHash: Int?

        public init(path: String, contentPath: String, text: String, textHash: Int? = nil) {
            self.path = path
            self.contentPath = contentPath
            self.text = text
            self.textHash = textHash
        }

        /// The file with `textHash` made from its text, as `serve`'s loader keeps it.
        public func hashed() -> MarkdownFile {
            var hasher = Hasher()
            hasher.combineUTF8(text)
            var file = self
            file.textHash = hasher.finalize()
            return file
        }
    }

    /// A non-Markdown file under content/, copied into the site unchanged.
    public struct Asset: Sendable, Hashable {
        public var path: String
        public var contentPath: String
        public var absolutePath: String

        public init(path: String, contentPath: String, absolutePath: String) {
            self.path = path
            self.contentPath = contentPath
            self.absolutePath = absolutePath
        }
    }

    public var markdownFiles: [MarkdownFile]
    public var assets: [Asset]
    /// Template files of the handbook's `templates/` folder that override the built-in theme.
    public var templateOverrides: [String: String]
    /// The text of aimsbook.yml, if the handbook has one.
    public var settingsText: String?
    /// Problems met while reading (unreadable files, invalid UTF-8, links leading outside content/).
    public var diagnostics: [Diagnostic]
    /// Every commit that changed each Markdown file, by root-relative path; empty outside git.
    public var history = HandbookHistory()
    /// The handbook's own framework files (`frameworks/*.json`, `*.yml`), which change the built-in packs.
    public var frameworkFiles: [FrameworkFile] = []

    public init(
        markdownFiles: [MarkdownFile], assets: [Asset] = [], templateOverrides: [String: String] = [:],
        settingsText: String? = nil, diagnostics: [Diagnostic] = []
    ) {
        self.markdownFiles = markdownFiles
        self.assets = assets
        self.templateOverrides = templateOverrides
        self.settingsText = settingsText
        self.diagnostics = diagnostics
    }
}
