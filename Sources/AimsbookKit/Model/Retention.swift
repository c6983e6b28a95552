/// How long a document is kept after it is superseded or retired (ISO/IEC 42001 7.5.3:
/// retention and disposition): `retention: 6y` (years), `18m` (months) or `permanent`.
public struct Retention: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable {
        case years = "y"
        case months = "m"
    }

    /// Nil for `permanent`.
    public var amount: Int?
    public var unit: Unit?

    public static let permanent = Retention(amount: nil, unit: nil)

    public init?(_ text: String) {
        if text == "permanent" {
            self = .permanent
            return
        }
        guard let last = text.last, let unit = Unit(rawValue: String(last)),
            let amount = Int(text.dropLast()), amount > 0, amount <= 1000, text.first != "+"
        else { return nil }
        self.init(amount: amount, unit: unit)
    }

    init(amount: Int?, unit: Unit?) {
        self.amount = amount
        self.unit = unit
    }

    /// As written: `6y`, `18m`, `permanent`.
    public var description: String {
        guard let amount, let unit else { return "permanent" }
        return "\(amount)\(unit.rawValue)"
    }

    /// For people: "6 years", "18 months", "permanently".
    public var text: String {
        guard let amount, let unit else { return "Permanently" }
        return "\(amount) " + (unit == .years ? (amount == 1 ? "year" : "years") : (amount == 1 ? "month" : "months"))
    }
}

extension FieldReader {
    /// `retention`: a period such as `6y` or `18m`, or `permanent`.
    mutating func retention() -> Retention? {
        guard let value = text("retention") else { return nil }
        guard let retention = Retention(value.value) else {
            diagnostics.append(
                .error(
                    "invalid-retention",
                    "'\(value.value)' is not a retention period; write years or months such as 6y or 18m, or 'permanent'",
                    at: value.location))
            return nil
        }
        return retention
    }
}
