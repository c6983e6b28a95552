/// Dates as registers write them, read only where one reading is possible: `2026-02-14`,
/// `14 February 2026`, `February 14, 2026`, `14 Feb 2026`, `14.02.2026`, `2026-02` and
/// `February 2026` (a month alone stands for its first day: the earliest reading, so a review
/// "due February" is overdue no later than it should be). `03/04/2026` is refused: it is
/// 3 April in Europe and March 4 in the US; `13/04/2026` has only one reading and is taken.
public enum WrittenDate {
    public enum Reading: Sendable, Equatable {
        case day(Day)
        /// Why the text is not a date, and what to write instead.
        case unreadable(String)
    }

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    public static func read(_ text: String) -> Reading {
        let trimmed = text.trimmingSpaces()
        if let day = Day(trimmed) { return .day(day) }
        let hint = "write it as YYYY-MM-DD (e.g. 2026-02-14) or as '14 February 2026'"
        let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if parts.count == 1 { return readNumeric(trimmed, hint: hint) }
        var day: Int?
        var month: Int?
        var year: Int?
        for part in parts {
            let lower = part.lowercased().trimmingSuffix(".")
            let digits = ordinalDigits(lower)
            if let number = Int(digits) {
                if number > 31 || digits.count == 4 {
                    guard year == nil else { return .unreadable("'\(text)' has two years; \(hint)") }
                    year = number
                } else {
                    guard day == nil else { return .unreadable("'\(text)' has two day numbers; \(hint)") }
                    day = number
                }
            } else if let index = monthIndex(lower) {
                guard month == nil else { return .unreadable("'\(text)' names two months; \(hint)") }
                month = index
            } else {
                return .unreadable("'\(text)' is not a date aimsbook can read; \(hint)")
            }
        }
        guard let year, let month else { return .unreadable("'\(text)' needs a month and a year; \(hint)") }
        guard let result = Day(year: year, month: month, day: day ?? 1) else {
            return .unreadable("'\(text)' is not a day of the calendar; \(hint)")
        }
        return .day(result)
    }

    /// `2026-02`, `14.02.2026`, `14/02/2026`, `2026/02/14`.
    private static func readNumeric(_ text: String, hint: String) -> Reading {
        for separator in ["-", ".", "/"] {
            let numbers = text.split(separator: Character(separator), omittingEmptySubsequences: false).map {
                Int($0)
            }
            guard numbers.count >= 2, numbers.allSatisfy({ $0 != nil }) else { continue }
            let values = numbers.map { $0! }
            let lengths = text.split(separator: Character(separator)).map(\.count)
            if values.count == 2, lengths[0] == 4 {
                if let day = Day(year: values[0], month: values[1], day: 1) { return .day(day) }
            } else if values.count == 3, lengths[0] == 4 {
                if let day = Day(year: values[0], month: values[1], day: values[2]) { return .day(day) }
            } else if values.count == 3, lengths[2] == 4 {
                // Day first (Europe, and always with dots) unless only month first can be a date.
                let dayFirst = Day(year: values[2], month: values[1], day: values[0])
                let monthFirst = separator == "." ? nil : Day(year: values[2], month: values[0], day: values[1])
                switch (dayFirst, monthFirst) {
                case (let day?, nil), (nil, let day?): return .day(day)
                case (let a?, let b?) where a == b: return .day(a)
                case (_?, _?):
                    return .unreadable(
                        "'\(text)' could be day/month or month/day; \(hint)")
                case (nil, nil): break
                }
            }
            return .unreadable("'\(text)' is not a day of the calendar; \(hint)")
        }
        return .unreadable("'\(text)' is not a date aimsbook can read; \(hint)")
    }

    private static func monthIndex(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        if word == "sept" { return 9 }
        return months.firstIndex { $0 == word || ($0.hasPrefix(word) && word.count == 3) }.map { $0 + 1 }
    }

    /// `14th` → `14`.
    private static func ordinalDigits(_ word: String) -> String {
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) && word.count > 2 {
            return String(word.dropLast(2))
        }
        return word
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
