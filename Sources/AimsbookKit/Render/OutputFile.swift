/// One file of the generated site, as a value: where it goes (relative to the output folder)
/// and what it holds. The render stage makes these; only the write stage touches the disk.
public struct OutputFile: Sendable, Hashable {
    public enum Contents: Sendable, Hashable {
        case text(String)
        /// Text in pieces, written one after the other: the print view, megabytes of document
        /// sections that `serve` would otherwise join into a new string on every edit.
        case pieces([String])
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

    /// The UTF-8 size of rendered text (`text` or `pieces`); nil for bytes and copies.
    public var textSize: Int? {
        switch contents {
        case .text, .pieces: contents.byteCount
        case .bytes, .copy: nil
        }
    }
}
