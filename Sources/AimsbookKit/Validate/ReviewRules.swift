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
}
