extension [Diagnostic] {
    /// Without the warnings whose code is in `codes` (`check --ignore`, `warnings_ignore:`).
    /// Errors stay whatever their code: an ignored error would let a broken site be built.
    public func ignoringWarnings(_ codes: Set<String>) -> [Diagnostic] {
        filter { $0.severity != .warning || !codes.contains($0.code) }
    }
}

/// Fields another tool wrote into a document's front matter (a template's `template_id`, a
/// generator's `generated_at`), kept under `extra:` or with an `x-` prefix: not aimsbook's,
/// so not checked and not warned about.
public enum ExtraFields {
    public static func isExtra(_ key: String) -> Bool { key == "extra" || key.hasPrefix("x-") }
}
