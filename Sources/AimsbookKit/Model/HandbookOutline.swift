/// A handbook without its documents' bodies: what every page may show about a document other
/// than its own page, the print view, the search index and the SoA page (the four that carry
/// body text).
///
/// Most edits while `serve` runs change one body and nothing else. The render stage builds every
/// other page from the outline only, so when an edit leaves the outline's fingerprint as it was,
/// those pages are the previous build's by construction, and only the bodies' pages are made
/// again. Where a document's links lead stays in the outline (`linkTargets`): backlinks and
/// evidence lists depend on them.
extension Handbook {
    var outline: Handbook {
        var outline = self
        outline.documents = Array(documents.indices).concurrentMap { [documents] in documents[$0].outline }
        return outline
    }

    /// The outline and its fingerprint, each document's outline and hash taken from `previous`
    /// where the document is the one it was made from (`Document.sharesStorage`): a rebuild after
    /// one edit made and hashed again every outline, a copy and a hash of every document's fields.
    func outline(reusing previous: OutlineMemo?) -> (outline: Handbook, fingerprint: Int, memo: OutlineMemo) {
        let made = Array(documents.indices).concurrentMap { [documents] position -> (Document, Int) in
            if let previous, position < previous.sources.count,
                documents[position].sharesStorage(with: previous.sources[position])
            {
                return (previous.outlines[position], previous.hashes[position])
            }
            let outline = documents[position].outline
            return (outline, outline.hashValue)
        }
        var outline = self
        outline.documents = made.map(\.0)
        let hashes = made.map(\.1)
        return (
            outline, outline.fingerprint(documentHashes: hashes),
            OutlineMemo(sources: documents, outlines: outline.documents, hashes: hashes)
        )
    }

    /// A hash of everything the handbook holds; on the outline, the key of `RenderMemo`'s last site.
    var fingerprint: Int {
        // Each document hashed on its own, on all cores.
        let documentHashes = Array(documents.indices).concurrentMap { [documents] in documents[$0].hashValue }
        return fingerprint(documentHashes: documentHashes)
    }

    /// The fingerprint, given each document's hash.
    func fingerprint(documentHashes: [Int]) -> Int {
        var hasher = Hasher()
        hasher.combine(settings)
        standard.combine(into: &hasher)
        hasher.combine(documents.count)
        hasher.combine(documentHashes)
        hasher.combine(assets)
        hasher.combine(templateOverrides)
        // The resolver's fingerprint covers broken documents' ids and paths too.
        hasher.combine(resolver.fingerprint)
        hasher.combine(brokenIDs)
        hasher.combine(frameworks)
        return hasher.finalize()
    }
}

/// The last render's outlines (`Handbook.outline(reusing:)`): each document's outline and hash,
/// with the document it was made from, which keeps that document's storage alive and so its
/// identity meaningful.
struct OutlineMemo: Sendable {
    var sources: [Document]
    var outlines: [Document]
    var hashes: [Int]
}

extension Document {
    /// The document without its body: the front matter, where it was written, and where its
    /// links lead.
    var outline: Document {
        var outline = self
        // Only approved documents are read for placeholders (`ReadinessFindings`).
        outline.bodyPlaceholders = self.status == .approved ? BodyPlaceholder.scan(self) : []
        outline.body = MarkdownDocument()
        outline.bodySource = ""
        outline.bodyFirstLine = 0
        return outline
    }
}
