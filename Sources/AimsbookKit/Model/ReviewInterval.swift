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
    /// `review_interval` read: the next review counted from `effective` (a later stage counts
    /// it from the last approval in git instead, `HandbookBuilder.document`), or nil with an
    /// error when the interval cannot be read. A written `review` is kept as it is.
    mutating func reviewSchedule(
        every interval: Located<String>, from effective: Day?, written review: Located<Day>?
    ) -> (review: Located<Day>?, schedule: ReviewSchedule?) {
        guard let parsed = ReviewInterval.parse(interval.value) else {
            diagnostics.append(
                .error(
                    "invalid-value",
                    "'\(interval.value)' is not a review interval; write a number and d, w, m or y, such as 12m or 1y",
                    at: interval.location))
            return (review, nil)
        }
        if let review { return (review, nil) }
        let schedule = ReviewSchedule(interval: interval, basis: effective.map { .effective($0) })
        return (effective.map { Located(ReviewInterval.adding(parsed, to: $0), at: interval.location) }, schedule)
    }
}

extension Document {
    /// The next review counted from the last approval in git, for a document whose
    /// `review_interval` made its `review`; unchanged otherwise.
    mutating func countReviewFromLastApproval() {
        guard var schedule = self.reviewSchedule, let approval = self.history?.lastApproval,
            let parsed = ReviewInterval.parse(schedule.interval.value)
        else { return }
        schedule.basis = .lastApproval(approval.date, commit: approval.shortCommit)
        self.review = Located(ReviewInterval.adding(parsed, to: approval.date), at: schedule.interval.location)
        self.reviewSchedule = schedule
    }
}

/// How a document's next review was worked out from its `review_interval`.
public struct ReviewSchedule: Sendable, Hashable {
    /// What the interval counts from.
    public enum Basis: Sendable, Hashable {
        /// The newest commit carrying an `Approved-by:` trailer for the file.
        case lastApproval(Day, commit: String)
        case effective(Day)
    }

    /// The interval as written (`12m`).
    public var interval: Located<String>
    /// Nil when there is nothing to count from (no approval in git and no `effective`).
    public var basis: Basis?

    /// The words a page shows beside the date: "12m after the last approval (2026-02-01, 1a2b3c4)".
    public var explanation: String {
        switch basis {
        case .lastApproval(let day, let commit)?: "\(interval.value) after the last approval (\(day), \(commit))"
        case .effective(let day)?: "\(interval.value) after the effective date (\(day))"
        case nil: "every \(interval.value), with no approval or effective date to count from"
        }
    }
}
