/// The files of a new site whose bytes are those the previous build wrote, as the render cache
/// knows them: the write stage keeps them on disk instead of writing them again. After an
/// edit nearly every file is unchanged, so the set is held as the few that are not: naming
/// the 2,000 others one by one, and looking each up, was a tenth of a one-file rebuild.
public struct UnchangedFiles: Sendable, ExpressibleByArrayLiteral {
    private enum Kind: Sendable {
        case these(Set<String>)
        case allBut(Set<String>)
    }

    private let kind: Kind

    /// Exactly `paths`.
    public init(_ paths: Set<String>) { kind = .these(paths) }

    public init(arrayLiteral paths: String...) { kind = .these(Set(paths)) }

    /// Every file of the site but `changed`.
    public static func allBut(_ changed: Set<String>) -> UnchangedFiles { UnchangedFiles(kind: .allBut(changed)) }

    private init(kind: Kind) { self.kind = kind }

    public func contains(_ path: String) -> Bool {
        switch kind {
        case .these(let paths): paths.contains(path)
        case .allBut(let changed): !changed.contains(path)
        }
    }

    /// No file is known to be unchanged: the site is written whole.
    public var isEmpty: Bool {
        if case .these(let paths) = kind { return paths.isEmpty }
        return false
    }
}
