/// One file of the generated site, as a value: where it goes (relative to the output folder)
/// and what it holds. The render stage makes these; only the write stage touches the disk.
public struct OutputFile: Sendable, Hashable {
    public enum Contents: Sendable, Hashable {
        case text(String)
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
}
