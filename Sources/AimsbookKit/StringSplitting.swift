import Foundation

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        let parts = splitting(by: target)
        return parts.count == 1 ? self : parts.joined(separator: replacement)
    }

    /// Split on the separator's Unicode scalars. Foundation's and Swift's searches keep a
    /// character with its combining marks, so "\n" followed by U+0301 would not be found as
    /// "\n"; escaping that misses it lets a line break through.
    func splitting(by separator: String) -> [String] {
        // On the UTF-8 bytes: a match of the separator's bytes is a match of its scalars (UTF-8
        // never starts a scalar inside another).
        var text = self
        let target = Array(separator.utf8)
        return text.withUTF8 { bytes in
            // unsafe: splits the string's bytes in place; pieces are copied out as strings.
            target.withUnsafeBufferPointer { target in
                bytes.ranges(between: target).map {
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
                }
            }
        }
    }
}

extension Array<UInt8> {
    /// These bytes cut where `separator` occurs, without it (see `ranges(between:lookingFor:)`).
    func splitting(by separator: [UInt8], lookingFor anchor: Int = 0) -> [[UInt8]] {
        // unsafe: as above, over an array's bytes.
        withUnsafeBufferPointer { bytes in
            separator.withUnsafeBufferPointer { separator in
                bytes.ranges(between: separator, lookingFor: anchor).map { Array(bytes[$0]) }
            }
        }
    }
}

// unsafe: byte searches (memchr, memcmp) within the buffer; every offset is checked against `count`.
extension UnsafeBufferPointer<UInt8> {
    /// The ranges between the occurrences of `separator` (one more than there are occurrences;
    /// the whole when `separator` is empty or absent), found left to right without overlaps.
    /// - Parameter anchor: which of the separator's bytes `memchr` looks for (`firstOffset`).
    func ranges(between separator: UnsafeBufferPointer<UInt8>, lookingFor anchor: Int = 0) -> [Range<Int>] {
        guard !separator.isEmpty else { return [0..<count] }
        var ranges: [Range<Int>] = []
        var start = 0
        while let found = firstOffset(of: separator, from: start, lookingFor: anchor) {
            ranges.append(start..<found)
            start = found + separator.count
        }
        ranges.append(start..<count)
        return ranges
    }

    /// Where `needle` first occurs at or after `start`: `memchr` to each place its byte at
    /// `anchor` could be, then one compare. Anchor the needle at a byte that is rare in the
    /// text: the print view's marker `<!--aimsbook:…` at its `!`, since `<` begins every tag.
    func firstOffset(of needle: UnsafeBufferPointer<UInt8>, from start: Int = 0, lookingFor anchor: Int = 0) -> Int? {
        guard let base = baseAddress, let needleBase = needle.baseAddress, anchor < needle.count,
            count - start >= needle.count
        else {
            return nil
        }
        let lastStart = count - needle.count
        var offset = start
        while offset <= lastStart,
            let found = memchr(base + offset + anchor, Int32(needleBase[anchor]), lastStart - offset + 1)
        {
            offset = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base - anchor
            if memcmp(base + offset, needleBase, needle.count) == 0 { return offset }
            offset += 1
        }
        return nil
    }
}
