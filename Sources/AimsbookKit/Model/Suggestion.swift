/// "Did you mean …?" for misspelt field names, enumeration values and ids.
public enum Suggestion {
    /// The closest candidate within a small edit distance, if any.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= max(1, min(3, candidate.count / 3)), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// A message tail: "; did you mean 'owner'?" or nothing.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension Suggestion {
    /// "Did you mean" for ids of a standard (clauses, controls, articles), where a neighbour by
    /// edit distance is another requirement altogether (`8.5` is not a typo of `7.5`, nor
    /// `Art.4` of `Art.5`). Only the same id written another way is suggested (`A6.2.4`,
    /// `a.6.2.4`, `Art 5`, `Article 5`); an id that groups others (`A.6.2`, a control
    /// objective) is answered with those it groups.
    public static func standardID(_ written: String, in candidates: [String]) -> String {
        let key = standardKey(written)
        let same = candidates.filter { standardKey($0) == key }
        if same.count == 1 { return "; did you mean '\(same[0])'?" }
        let children = candidates.filter {
            $0.hasPrefix(written + ".") && !$0.dropFirst(written.count + 1).contains(".")
        }
        if !children.isEmpty {
            return "; '\(written)' groups \(children.joined(separator: ", ")): cite those that apply"
        }
        return ""
    }

    /// An id without case, spaces, dots and the words `art`/`article`: `A.6.2.4` and
    /// `a 6.2.4` both give `a624`, `Art.5` and `Article 5` both `5`.
    static func standardKey(_ id: String) -> String {
        var text = id.lowercased()
        for word in ["article", "art"] where text.hasPrefix(word) {
            text = String(text.dropFirst(word.count))
            break
        }
        return text.filter { $0 != " " && $0 != "." && $0 != "\t" }
    }
}
