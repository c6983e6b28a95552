import Testing

@testable import AimsbookKit

@Suite struct DayTests {
    @Test func parsesOnlyRealCalendarDates() {
        #expect(Day("2026-01-15")?.description == "2026-01-15")
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2026-1-15") == nil)
        #expect(Day("15.01.2026") == nil)
    }

    @Test func countsDaysAcrossMonthsAndYears() {
        #expect(Day("2026-01-01")!.days(until: Day("2027-01-01")!) == 365)
        #expect(Day("2024-02-28")!.days(until: Day("2024-03-01")!) == 2)
    }
}
