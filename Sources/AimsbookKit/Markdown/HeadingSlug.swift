/// The rule that turns heading text into an anchor, GitHub's: lower-case; keep letters, digits,
/// spaces, `-` and `_`; spaces become `-`; a repeated slug gets `-1`, `-2`, … Rendering and
/// checking both use this, so a link that checks is a link that works.
public struct HeadingSlugger: Sendable {
    /// Slugs given so far, with the last counter used for each. A body has a handful of
    /// headings: they are searched in a list, and only a long one's go into a dictionary
    /// (hashing every slug twice was most of the slugger's cost).
    private var seenList: [(slug: String, counter: Int)] = []
    private var seenTable: [String: Int]?
    private static let listLimit = 32

    private func counter(of slug: String) -> Int? {
        if let seenTable { return seenTable[slug] }
        return seenList.first(where: { $0.slug == slug })?.counter
    }

    private mutating func setCounter(_ counter: Int, of slug: String) {
        if seenTable != nil {
            seenTable![slug] = counter
            return
        }
        if let index = seenList.firstIndex(where: { $0.slug == slug }) {
            seenList[index].counter = counter
            return
        }
        seenList.append((slug, counter))
        if seenList.count > Self.listLimit {
            seenTable = Dictionary(seenList, uniquingKeysWith: { _, last in last })
            seenList = []
        }
    }

    public init() {}

    public static func slug(_ text: String) -> String {
        var text = text
        if let slug = text.withUTF8(asciiSlug) { return slug }
        return unicodeSlug(text)
    }

    /// The rule itself, on Unicode scalars, for any heading.
    static func unicodeSlug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                result.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil
            {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The same rule on bytes for an all-ASCII heading (nearly every one), or nil for others:
    /// in ASCII, lower-casing is per byte and the letters and digits are `a`–`z` and `0`–`9`.
    // unsafe: a byte scan within the heading text's buffer.
    static func asciiSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            for byte in bytes {
                let kept: UInt8
                switch byte {
                case UInt8(ascii: " "): kept = UInt8(ascii: "-")
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept = byte + 32
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                    UInt8(ascii: "_"):
                    kept = byte
                default: continue
                }
                output[count] = kept
                count += 1
            }
            return count
        }
    }

    /// The slug for the next heading of a document, made unique within it.
    public mutating func next(_ text: String) -> String {
        let base = Self.slug(text)
        var slug = base.isEmpty ? "section" : base
        if let count = counter(of: slug) {
            var counter = count
            var candidate: String
            repeat {
                counter += 1
                candidate = "\(slug)-\(counter)"
            } while self.counter(of: candidate) != nil
            setCounter(counter, of: slug)
            slug = candidate
        }
        setCounter(0, of: slug)
        return slug
    }
}
