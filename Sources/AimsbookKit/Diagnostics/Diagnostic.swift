/// A problem found in a handbook, reported the way a compiler reports one: where, how bad,
/// a stable code a CI configuration can rely on, and what to do about it.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// Stable kebab-case identifier (`unknown-reference`, `missing-field`, …).
    public var code: String
    /// One sentence: what is wrong and, where it helps, how to fix it.
    public var message: String
    public var location: SourceLocation
    /// Further context, for example where a duplicate id was first defined.
    public var notes: [Note]

    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public init(
        _ severity: Severity, _ code: String, _ message: String, at location: SourceLocation,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(
        _ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []
    )
        -> Diagnostic
    {
        Diagnostic(.error, code, message, at: location, notes: notes)
    }

    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []
    )
        -> Diagnostic
    {
        Diagnostic(.warning, code, message, at: location, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in the order a reader wants them: by file, then line, then column.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            if a.element.code != b.element.code { return a.element.code < b.element.code }
            return a.offset < b.offset
        }.map(\.element)
    }

    public var errorCount: Int { lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { lazy.filter { $0.severity == .warning }.count }
}
