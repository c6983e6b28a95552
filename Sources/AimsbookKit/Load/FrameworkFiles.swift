import Foundation

extension HandbookSource {
    /// A handbook's own framework file (`frameworks/eu-ai-act.yml`): overrides or extends a
    /// built-in pack. YAML or JSON; read as text here, parsed by the model stage.
    public struct FrameworkFile: Sendable, Hashable {
        /// Relative to the handbook root: `frameworks/eu-ai-act.yml`.
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }
}

extension HandbookPaths {
    /// `frameworks/` below the root: the handbook's changes to the framework packs.
    public var frameworks: URL { root.appendingPathComponent("frameworks").standardizedFileURL }
}

extension HandbookLoader {
    static let frameworkExtensions = ["json", "yml", "yaml"]

    /// Every `.json`, `.yml` and `.yaml` file below `frameworks/`, sorted; other files there are
    /// left alone (a README beside the packs is fine).
    static func readFrameworkFiles(
        _ paths: HandbookPaths
    ) -> (files: [HandbookSource.FrameworkFile], diagnostics: [Diagnostic]) {
        var files: [HandbookSource.FrameworkFile] = []
        var diagnostics: [Diagnostic] = []
        for listed in listFiles(under: paths.frameworks) where !listed.isSpecial {
            if case .unreadableFolder(let code) = listed.problem {
                diagnostics.append(
                    .error(
                        "unreadable-folder",
                        "cannot read this folder (\(String(cString: strerror(code)))); give this user read access to it",
                        at: .file(paths.displayPath(paths.frameworks.appendingPathComponent(listed.path)))))
                continue
            }
            let fileExtension = listed.path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard frameworkExtensions.contains(fileExtension) else { continue }
            let url = paths.frameworks.appendingPathComponent(listed.path)
            let displayPath = paths.displayPath(url)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(
                    .error("unreadable-file", "cannot read this file; check its permissions", at: .file(displayPath)))
                continue
            }
            switch TextDecoding.decode(data) {
            case .success(let text):
                files.append(.init(path: displayPath, text: text))
            case .failure(let line, let column):
                diagnostics.append(
                    .error(
                        "invalid-utf8", "this file is not valid UTF-8; save it as UTF-8",
                        at: SourceLocation(file: displayPath, line: line, column: column)))
            }
        }
        return (files, diagnostics)
    }
}
