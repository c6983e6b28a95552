import Foundation

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

extension OutputFile.Contents {
    /// Whether both hold the same rendered bytes, compared with `memcmp`: a targeted rebuild
    /// compares the pages it made again with the last build's, hundreds of kilobytes each.
    /// Contents of different kinds, and copies, count as different.
    func sameBytes(as other: Self) -> Bool {
        // unsafe: memcmp within both buffers, whose counts are compared first.
        func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard a.count == b.count else { return false }
            guard let first = a.baseAddress, let second = b.baseAddress, first != second else { return true }
            return memcmp(first, second, a.count) == 0
        }
        func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in same(a, b) } }
        }
        switch (self, other) {
        case (.utf8(let a), .utf8(let b)), (.bytes(let a), .bytes(let b)): return same(a, b)
        case (.text(var a), .text(var b)):
            // Through contiguous UTF-8: comparing the views element by element took longer
            // than the rebuild's pages.
            return a.withUTF8 { a in b.withUTF8 { b in same(a, b) } }
        case (.pieces(let a), .pieces(let b)): return a.count == b.count && zip(a, b).allSatisfy(same)
        default: return false
        }
    }
}
