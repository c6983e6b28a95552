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
        // never starts a scalar inside another), and the print view's shell is 300 KB.
        let target = Array(separator.utf8)
        var text = self
        guard !target.isEmpty, text.utf8.count >= target.count else { return [self] }
        return text.withUTF8 { bytes in
            target.withUnsafeBufferPointer { target in
                var parts: [String] = []
                var start = 0
                while let found = bytes.firstOffset(of: target, from: start) {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<found]), as: UTF8.self))
                    start = found + target.count
                }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
                return parts
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Where `needle` first occurs at or after `start`: `memchr` to each byte that could begin
    /// it, then one compare.
    func firstOffset(of needle: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = baseAddress, let needleBase = needle.baseAddress, count - start >= needle.count else {
            return nil
        }
        let lastStart = count - needle.count
        var offset = start
        while offset <= lastStart, let found = memchr(base + offset, Int32(needleBase.pointee), lastStart - offset + 1)
        {
            offset = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            if memcmp(base + offset, needleBase, needle.count) == 0 { return offset }
            offset += 1
        }
        return nil
    }
}
