/// What a link in a document body points at. Rendering and checking both use this, so a link
/// the checker accepts is a link that works in the site.
public enum LinkTarget: Sendable, Hashable {
    case document(id: String, anchor: String?)
    case clause(String)
    case control(String)
    case asset(contentPath: String, anchor: String?)
    case inPage(anchor: String)
    case external(String)
    /// A scheme that could run code or smuggle content (`javascript:`, `data:`, …): dropped.
    case unsafe(scheme: String)
    /// Nothing by that name; `reason` finishes the sentence "… because …" for the diagnostic.
    case unresolved(reason: String)
    /// A file that exists but became no document (its front matter is broken), named by its id
    /// or its content path. Its own error is the one report: the link is not reported again, and
    /// is rendered as an unresolved one is, since there is no page to lead to.
    case brokenDocument(String)
}

/// Resolves link destinations against the handbook's ids, files and the standard's clauses and
/// controls. Built once per build from plain dictionaries: resolving a link costs a lookup.
public struct LinkResolver: Sendable {
    /// id → content path of the document's file. Keys as written.
    let documentIDs: [String: String]
    /// Lower-cased ids, for case-insensitive lookup and "did you mean".
    let documentIDsLowercased: [String: String]
    /// content path → id.
    let idsByContentPath: [String: String]
    let assetPaths: Set<String>
    /// Ids and content paths of files that became no document (`LinkTarget.brokenDocument`).
    let brokenIDs: Set<String>
    let brokenPaths: Set<String>
    let standard: StandardModel
    /// A hash of every id, path and asset a link can resolve to, broken documents' included: part
    /// of the key of anything `serve` keeps with resolved links in it (`ModelMemo`), and
    /// what a targeted rebuild compares (`SiteRenderer.TargetedRebuild`).
    let fingerprint: Int

    public init(
        documents: [(id: String, contentPath: String)], assetPaths: [String], standard: StandardModel,
        brokenIDs: Set<String> = [], brokenPaths: Set<String> = []
    ) {
        var ids: [String: String] = [:]
        var lowered: [String: String] = [:]
        var byPath: [String: String] = [:]
        for (id, contentPath) in documents {
            if ids[id] == nil { ids[id] = contentPath }
            if lowered[id.lowercased()] == nil { lowered[id.lowercased()] = id }
            byPath[contentPath] = id
        }
        self.documentIDs = ids
        self.documentIDsLowercased = lowered
        self.idsByContentPath = byPath
        self.assetPaths = Set(assetPaths)
        self.brokenIDs = brokenIDs
        self.brokenPaths = brokenPaths
        self.standard = standard
        var hasher = Hasher()
        for (id, contentPath) in documents {
            hasher.combine(id)
            hasher.combine(contentPath)
        }
        hasher.combine(assetPaths)
        hasher.combine(brokenIDs)
        hasher.combine(brokenPaths)
        fingerprint = hasher.finalize()
    }

    static let safeSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    public func resolve(_ reference: LinkReference, from contentPath: String) -> LinkTarget {
        let destination = Self.trimmingSpaces(reference.destination)
        if destination.isEmpty { return .unresolved(reason: "the link has no target") }
        let isASCII = destination.utf8.allSatisfy { $0 < 0x80 }
        if let scheme = Self.scheme(of: destination, isASCII: isASCII) {
            return Self.safeSchemes.contains(scheme.lowercased()) ? .external(destination) : .unsafe(scheme: scheme)
        }
        if destination.hasPrefix("//") { return .external(destination) }
        let (pathPart, anchor) = Self.pathAndAnchor(of: Substring(destination), isASCII: isASCII)
        if pathPart.isEmpty {
            return .inPage(anchor: anchor ?? "")
        }
        let target = String(pathPart)
        if standard.hasClause(target) { return .clause(target) }
        if standard.hasControl(target) { return .control(target) }
        if reference.kind == .wiki || DocumentID.isValid(target) {
            if documentIDs[target] != nil { return .document(id: target, anchor: anchor) }
            if brokenIDs.contains(target) { return .brokenDocument(target) }
            return .unresolved(reason: unknownIDReason(target, wiki: reference.kind == .wiki))
        }
        guard let resolved = Self.join(directoryOf: contentPath, Self.removingPercentEncoding(target)) else {
            return .unresolved(reason: "'\(target)' leads outside content/")
        }
        if let id = idsByContentPath[resolved] { return .document(id: id, anchor: anchor) }
        if assetPaths.contains(resolved) { return .asset(contentPath: resolved, anchor: anchor) }
        if brokenPaths.contains(resolved) { return .brokenDocument(resolved) }
        if resolved.hasSuffix(".md") {
            return .unresolved(reason: "there is no document content/\(resolved)")
        }
        return .unresolved(reason: folderReason(resolved) ?? "there is no file content/\(resolved)")
    }

    /// For a link to a folder (`../policies/`): what is in it, since a folder has no page. Only
    /// asked for links that resolve to nothing, so the walk over every path costs nothing else.
    func folderReason(_ resolved: String) -> String? {
        let folder = resolved.hasSuffix("/") ? resolved : resolved + "/"
        let inside =
            (idsByContentPath.keys.filter { $0.hasPrefix(folder) } + assetPaths.filter { $0.hasPrefix(folder) })
            .sorted()
        guard let first = inside.first else { return nil }
        return
            "content/\(folder) is a folder, which has no page of its own; link to a document in it, such as \(first.dropFirst(folder.count))"
    }

    /// A destination's path and anchor: `path?query#anchor` gives `path` and `anchor`; the query
    /// is dropped. The path is what a link names: an id, a clause, a control or a file.
    static func pathAndAnchor(of destination: Substring, isASCII: Bool) -> (path: Substring, anchor: String?) {
        var path = destination
        var anchor: String?
        if let hash = firstIndex(of: "#", in: path, isASCII: isASCII) {
            path = destination[..<hash]
            anchor = String(destination[destination.index(after: hash)...])
        }
        if let query = firstIndex(of: "?", in: path, isASCII: isASCII) { path = path[..<query] }
        return (path, anchor)
    }

    /// Whether an unresolved link was taken to name a document by its id, as `resolve` decides:
    /// its diagnostic is then an unknown reference rather than a broken link.
    static func namesDocumentID(_ reference: LinkReference) -> Bool {
        guard reference.kind != .wiki else { return true }
        let destination = trimmingSpaces(reference.destination)
        let path = pathAndAnchor(of: Substring(destination), isASCII: destination.utf8.allSatisfy { $0 < 0x80 }).path
        return DocumentID.isValid(String(path))
    }

    func unknownIDReason(_ target: String, wiki: Bool) -> String {
        if let sameButCase = documentIDsLowercased[target.lowercased()] {
            return "no document has the id '\(target)'; did you mean '\(sameButCase)'? (ids are case-sensitive)"
        }
        // A wiki link that looks like a clause or a control is compared with those, not with ids.
        if wiki, target.first?.isNumber == true {
            return "'\(target)' is not a clause of ISO/IEC 42001 (clauses run from 4 to 10.2)"
                + Suggestion.standardID(target, in: standard.clauses.map(\.id))
        }
        if wiki, target.hasPrefix("A.") || (target.hasPrefix("A") && target.dropFirst().first?.isNumber == true) {
            return "'\(target)' is not an Annex A control of ISO/IEC 42001 (controls run from A.2.2 to A.10.4)"
                + Suggestion.standardID(target, in: standard.controls.map(\.id))
        }
        return "no document has the id '\(target)'"
            + Suggestion.didYouMean(target, in: Array(documentIDs.keys).sorted())
    }

    /// The id of the document whose file is at `contentPath`, if any.
    public func documentID(atContentPath contentPath: String) -> String? { idsByContentPath[contentPath] }

    public func documentExists(_ id: String) -> Bool { documentIDs[id] != nil }

    /// Joins a relative path to a directory inside content/, resolving `.` and `..`; nil if it leaves content/.
    static func join(_ directory: String, _ relative: String) -> String? {
        join(directory.utf8, relative)
    }

    /// The same, for the directory of the file at `contentPath` (all before its last `/`).
    static func join(directoryOf contentPath: String, _ relative: String) -> String? {
        let bytes = contentPath.utf8
        return join(bytes[..<(bytes.lastIndex(of: UInt8(ascii: "/")) ?? bytes.startIndex)], relative)
    }

    /// Works on UTF-8 bytes, segment by segment, into one buffer: every link by path of every
    /// document is joined, and splitting the strings into `Character`s cost several times more
    /// (a `/`, `.` or `..` segment is the same in bytes: none of them is part of a longer
    /// UTF-8 sequence). Empty segments are skipped, as `split` skips them.
    static func join<Directory: Collection<UInt8>>(_ directory: Directory, _ relative: String) -> String? {
        if let joined = directory.withContiguousStorageIfAvailable({ join($0, relative) }) { return joined }
        // unsafe: path segments are slices of the caller's buffer, read only while it lives.
        return Array(directory).withUnsafeBufferPointer { join($0, relative) }
    }

    private static func join(_ directory: UnsafeBufferPointer<UInt8>, _ relative: String) -> String? {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var relative = relative
        return relative.withUTF8 { relative -> String? in
            var path: [UInt8] = []
            path.reserveCapacity(directory.count + relative.count + 1)
            /// Calls `body` with each segment of `bytes` between slashes that is not empty,
            /// stopping at the first false.
            func forEachSegment(
                _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
            ) -> Bool {
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == slash {
                    if index > start, !body(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return false }
                    start = index + 1
                }
                return true
            }
            func append(_ segment: UnsafeBufferPointer<UInt8>) -> Bool {
                if !path.isEmpty { path.append(slash) }
                path.append(contentsOf: segment)
                return true
            }
            if relative.first != slash {
                _ = forEachSegment(directory, append)
            }
            let inside = forEachSegment(relative) { segment in
                if segment.count == 1, segment[0] == dot { return true }
                if segment.count == 2, segment[0] == dot, segment[1] == dot {
                    guard !path.isEmpty else { return false }
                    path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
                    return true
                }
                return append(segment)
            }
            return inside ? String(decoding: path, as: UTF8.self) : nil
        }
    }

    /// `destination` without the spaces (U+0020) around it, found through its bytes, as
    /// `trimmingCharacters(in: " ")` trims them; most destinations have none and are returned
    /// as they are.
    static func trimmingSpaces(_ destination: String) -> String {
        let bytes = destination.utf8
        guard bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ") else { return destination }
        guard let first = bytes.firstIndex(where: { $0 != UInt8(ascii: " ") }) else { return "" }
        // After the last byte that is not a space comes a space or the end: a character boundary.
        let end = bytes.index(after: bytes.lastIndex(where: { $0 != UInt8(ascii: " ") })!)
        return String(destination[first..<end])
    }

    /// Where an ASCII character first stands in `text`. On the bytes when the text is all ASCII,
    /// where every character is one byte: resolving runs for every link of every document, and
    /// a search by characters costs several times more. By characters otherwise, since there a
    /// combining mark after the character makes it another character, which is not a match.
    static func firstIndex(of character: Unicode.Scalar, in text: Substring, isASCII: Bool) -> String.Index? {
        isASCII ? text.utf8.firstIndex(of: UInt8(character.value)) : text.firstIndex(of: Character(character))
    }

    static func scheme(of destination: String) -> String? {
        scheme(of: destination, isASCII: destination.utf8.allSatisfy { $0 < 0x80 })
    }

    static func scheme(of destination: String, isASCII: Bool) -> String? {
        guard let colon = firstIndex(of: ":", in: Substring(destination), isASCII: isASCII) else { return nil }
        let candidate = destination[..<colon]
        guard let first = candidate.unicodeScalars.first, DocumentID.isASCIILetter(first),
            candidate.unicodeScalars.allSatisfy({
                DocumentID.isASCIILetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
            })
        else { return nil }
        // A Windows drive letter or an id-like "A.6:..." is not worth a special case: treat any scheme as a scheme.
        return String(candidate)
    }

    static func removingPercentEncoding(_ text: String) -> String {
        // A byte search: where a '%' is no escape, the loop below keeps it anyway.
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
