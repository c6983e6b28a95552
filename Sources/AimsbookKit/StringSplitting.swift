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
        guard let first = target.first, text.utf8.count >= target.count else { return [self] }
        return text.withUTF8 { bytes in
            let base = bytes.baseAddress!
            var parts: [String] = []
            var start = 0
            var index = 0
            while index + target.count <= bytes.count,
                let found = memchr(base + index, Int32(first), bytes.count - target.count + 1 - index)
            {
                index = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                if memcmp(base + index, target, target.count) == 0 {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    index += target.count
                    start = index
                } else {
                    index += 1
                }
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return parts
        }
    }
}
