/// One file of the generated site, as a value: where it goes (relative to the output folder)
/// and what it holds. The render stage makes these; only the write stage touches the disk.
public struct OutputFile: Sendable, Hashable {
    public enum Contents: Sendable, Hashable {
        case text(String)
        /// Text in pieces of UTF-8, written one after the other: the print view, megabytes of
        /// document sections that `serve` would otherwise join into one on every edit.
        case pieces([[UInt8]])
        /// Text as the template engine renders it, UTF-8 bytes ready to write: a `String` of a
        /// page's bytes would check every one of them again.
        case utf8([UInt8])
        case bytes([UInt8])
        /// An asset copied from the handbook, by absolute path, read at write time.
        case copy(from: String)
    }

    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public static func text(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, contents: .text(text))
    }

    public static func utf8(_ path: String, _ bytes: [UInt8]) -> OutputFile {
        OutputFile(path: path, contents: .utf8(bytes))
    }

    /// The UTF-8 size of rendered text (`text`, `pieces` or `utf8`); nil for bytes and copies.
    public var textSize: Int? {
        switch contents {
        case .text, .pieces, .utf8: contents.byteCount
        case .bytes, .copy: nil
        }
    }
}
