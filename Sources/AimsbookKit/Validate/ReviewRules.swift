/// Review dates: a document whose next review date has passed is stale evidence.
enum ReviewRules {
    static func overdueReviews(_ context: Validator.Context) -> [Diagnostic] {
        context.handbook.documents.compactMap { document in
            guard let review = document.review, review.value < context.asOf, document.status != .retired else {
                return nil
            }
            let days = review.value.days(until: context.asOf)
            return .warning(
                "overdue-review",
                "the review of \(document.id.value) was due on \(review.value) (\(days) day\(days == 1 ? "" : "s") ago); review it and set the next date",
                at: review.location)
        }
    }

    /// A `review_interval` with nothing to count from: no approval commit in git and no `effective`.
    static func intervalsWithoutDate(_ context: Validator.Context) -> [Diagnostic] {
        context.handbook.documents.compactMap { document in
            guard let schedule = document.reviewSchedule, schedule.basis == nil else { return nil }
            return .warning(
                "review-interval-without-date",
                "'review_interval' counts from the last approval commit in git or else from 'effective', and this document has neither; add 'effective' or write 'review' as a date",
                at: schedule.interval.location)
        }
    }
}
