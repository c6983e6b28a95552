/// The rule that turns heading text into an anchor, GitHub's: lower-case; keep letters, digits,
/// spaces, `-` and `_`; spaces become `-`; a repeated slug gets `-1`, `-2`, … Rendering and
/// checking both use this, so a link that checks is a link that works.
public struct HeadingSlugger: Sendable {
    private var seen: [String: Int] = [:]

    public init() {}

    public static func slug(_ text: String) -> String {
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

    /// The slug for the next heading of a document, made unique within it.
    public mutating func next(_ text: String) -> String {
        let base = Self.slug(text)
        var slug = base.isEmpty ? "section" : base
        if let count = seen[slug] {
            var counter = count
            var candidate: String
            repeat {
                counter += 1
                candidate = "\(slug)-\(counter)"
            } while seen[candidate] != nil
            seen[slug] = counter
            slug = candidate
        }
        seen[slug] = 0
        return slug
    }
}
