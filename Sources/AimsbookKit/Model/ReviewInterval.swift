/// `review_interval: 12m`: how often a document is reviewed, so the next review is worked out
/// rather than typed: `effective` plus the interval, unless `review` gives the date itself.
/// Written as a number and a unit: `d` days, `w` weeks, `m` months, `y` years (`12m`, `1y`).
public enum ReviewInterval {
    public enum Unit: Character, Sendable { case day = "d", week = "w", month = "m", year = "y" }

    /// `12m` → (12, .month); nil for anything else.
    public static func parse(_ text: String) -> (count: Int, unit: Unit)? {
        let trimmed = text.trimmingSpaces().lowercased()
        guard let last = trimmed.last, let unit = Unit(rawValue: last), let count = Int(trimmed.dropLast()),
            count > 0, count <= 1200
        else { return nil }
        return (count, unit)
    }

    /// `day` moved on by the interval; a month-end day stays within its month (31 Jan + 1m is 28
    /// or 29 Feb).
    public static func adding(_ interval: (count: Int, unit: Unit), to day: Day) -> Day {
        switch interval.unit {
        case .day, .week:
            let days = interval.count * (interval.unit == .week ? 7 : 1)
            return Day(ordinal: day.ordinal + days)
        case .month, .year:
            let months = day.year * 12 + (day.month - 1) + interval.count * (interval.unit == .year ? 12 : 1)
            let year = months / 12
            let month = months % 12 + 1
            return Day(year: year, month: month, day: min(day.day, Day.daysInMonth(year: year, month: month)))
                ?? day
        }
    }
}

extension Day {
    /// The day of a proleptic Gregorian day number (`ordinal`'s inverse).
    init(ordinal: Int) {
        // Civil-from-days on a year starting in March, as `ordinal` counts.
        let era = (ordinal >= 0 ? ordinal : ordinal - 146_096) / 146_097
        let dayOfEra = ordinal - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self = Day(year: year, month: month, day: day) ?? Day(year: 1, month: 1, day: 1)!
    }
}

extension FieldReader {
    /// The review `interval` after `effective`, at the interval's place in the file; nil with a
    /// diagnostic when the interval cannot be read or there is no date to count from.
    mutating func nextReview(every interval: Located<String>, from effective: Day?) -> Located<Day>? {
        guard let parsed = ReviewInterval.parse(interval.value) else {
            diagnostics.append(
                .error(
                    "invalid-value",
                    "'\(interval.value)' is not a review interval; write a number and d, w, m or y, such as 12m or 1y",
                    at: interval.location))
            return nil
        }
        guard let effective else {
            diagnostics.append(
                .warning(
                    "review-interval-without-date",
                    "'review_interval' counts from 'effective', which this document does not give; add 'effective' or write 'review' as a date",
                    at: interval.location))
            return nil
        }
        return Located(ReviewInterval.adding(parsed, to: effective), at: interval.location)
    }
}
