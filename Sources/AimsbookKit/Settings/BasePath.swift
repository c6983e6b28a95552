/// `base_path: /handbook/` in aimsbook.yml: the path under which a server publishes the site.
///
/// Pages link relatively, so the site works from `file://` and under any path; only the 404
/// page, which a server returns for a missing page at any depth, links through this path.
public enum BasePath {
    /// Characters a path may hold as written: RFC 3986's unreserved and path characters, less
    /// the quote (the value goes into attributes) and `%`, which only starts an escape.
    static let allowed = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@/".unicodeScalars)

    static let example = "for example 'base_path: /handbook/'"

    /// The path as links use it, starting and ending with `/` (a missing last `/` is added),
    /// or the reason it is not one, finishing the sentence "'base_path' …".
    static func parse(_ text: String) -> Result<String, BasePathError> {
        if text.contains("://") || text.hasPrefix("//") {
            return .failure(
                .init(
                    "is a path on the server, not an address: write only the path, such as '/handbook/' for https://intranet.example/handbook/"
                ))
        }
        guard text.hasPrefix("/") else {
            return .failure(.init("must start with '/', \(example)"))
        }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "%" {
                let digits = scalars.dropFirst(index + 1).prefix(2)
                guard digits.count == 2, digits.allSatisfy(\.properties.isASCIIHexDigit) else {
                    return .failure(.init("has a '%' that starts no escape (%XX); write '%25' for a per cent sign"))
                }
                index += 3
                continue
            }
            guard allowed.contains(scalar) else {
                let shown = scalar == " " ? "a space" : "'\(scalar)'"
                let hint =
                    scalar == "?" || scalar == "#"
                    ? "a path has no query or fragment" : "percent-encode it (a space is %20, ü is %C3%BC)"
                return .failure(.init("holds \(shown), which a URL path cannot hold as written: \(hint)"))
            }
            index += 1
        }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.dropLast().contains(where: \.isEmpty) {
            return .failure(.init("has an empty segment ('//'), \(example)"))
        }
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(.init("has a '.' or '..' segment; write the path as the server has it, \(example)"))
        }
        return .success(text.hasSuffix("/") ? text : text + "/")
    }

    /// Why a `base_path` is refused.
    public struct BasePathError: Error, Sendable {
        public let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Reads `base_path` from a settings file's front matter; nil when absent or refused (with
    /// an error at its value).
    static func read(_ reader: inout FieldReader) -> String? {
        guard let written = reader.text("base_path") else { return nil }
        switch parse(written.value) {
        case .success(let path):
            return path
        case .failure(let error):
            reader.diagnostics.append(
                .error("invalid-value", "'base_path' \(error.reason)", at: written.location))
            return nil
        }
    }
}
