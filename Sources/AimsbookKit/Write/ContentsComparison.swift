import Foundation

/// Comparing a rendered file with the bytes of one already on disk, so the write stage can
/// keep the file instead of writing the same bytes again.
extension OutputFile.Contents {
    /// The size in bytes of the file these contents make; nil for a copied asset (read only
    /// at write time).
    var byteCount: Int? {
        switch self {
        case .text(let text): text.utf8.count
        case .pieces(let pieces): pieces.reduce(0) { $0 + $1.count }
        case .utf8(let bytes), .bytes(let bytes): bytes.count
        case .copy: nil
        }
    }

    /// Whether the file these contents make holds exactly `bytes`. A copied asset never does:
    /// its source is read only when it is written.
    // unsafe: the mapped previous file and the new bytes compared in place, within the calls that lend them.
    func isEqual(to bytes: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .text(let text):
            return Self.equal(text, bytes[...])
        case .pieces(let pieces):
            var rest = bytes[...]
            for piece in pieces {
                guard piece.count <= rest.count,
                    piece.withUnsafeBytes({ Self.equal($0[...], rest.prefix(piece.count)) })
                else { return false }
                rest = rest.dropFirst(piece.count)
            }
            return rest.isEmpty
        case .utf8(let own), .bytes(let own):
            return own.count == bytes.count && own.withUnsafeBytes { Self.equal($0[...], bytes[...]) }
        case .copy:
            return false
        }
    }

    private static func equal(_ text: String, _ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        var text = text
        return text.withUTF8 { equal(UnsafeRawBufferPointer($0)[...], bytes) }
    }

    private static func equal(_ a: Slice<UnsafeRawBufferPointer>, _ b: Slice<UnsafeRawBufferPointer>) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return memcmp(a.base.baseAddress! + a.startIndex, b.base.baseAddress! + b.startIndex, a.count) == 0
    }
}
