/// The rules for document ids: letters, digits and `-`, starting with a letter. Because an id
/// becomes a file name in the site, nothing else is allowed (no `/`, `..`, spaces or non-ASCII).
public enum DocumentID {
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, isASCIILetter(first) else { return false }
        return id.unicodeScalars.allSatisfy { isASCIILetter($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The file name stem of the document's page: ids compare case-insensitively for this reason.
    public static func slug(_ id: String) -> String { id.lowercased() }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
