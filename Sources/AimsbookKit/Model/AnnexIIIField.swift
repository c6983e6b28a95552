extension FieldReader {
    /// `annex_iii`: one point of Annex III as the Regulation numbers it (`5(b)`, `2`); anything
    /// else is an `invalid-value` error at the value, with the closest point suggested.
    mutating func annexIIIPoint() -> String? {
        guard let value = text("annex_iii") else { return nil }
        let points = AIActApplicability.annexIIIPoints
        if points.contains(value.value) { return value.value }
        // "5b", "5 (b)" and "5(B)" are the point "5(b)" written loosely: suggest it.
        let letters = value.value.lowercased().filter { $0.isLetter || $0.isNumber }
        let loose = points.first { $0.filter { $0.isLetter || $0.isNumber } == letters }
        diagnostics.append(
            .error(
                "invalid-value",
                "'\(value.value)' is not a point of Annex III of the EU AI Act; write the point as the Regulation numbers it, such as \"5(b)\" or \"4(a)\" (\(points.joined(separator: ", ")))"
                    + (loose.map { "; did you mean '\($0)'?" } ?? Suggestion.didYouMean(value.value, in: points)),
                at: value.location))
        return nil
    }
}
