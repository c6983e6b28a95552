/// The model of `serve`'s usual rebuild: the last build's model with only the edited documents
/// made again, instead of every file's front matter and body looked up in `ModelMemo`, indexed
/// and sorted once more (a third of a one-file rebuild of 2,000 documents).
///
/// It applies only when the result is the one `HandbookBuilder` would make from scratch by
/// construction: the same files in the same order, every input other than the Markdown files
/// unchanged, and every edited file still a document with the id and type it had. Then nothing
/// any other document was built from has changed (ids, paths and broken files are what links
/// resolve against), so every other document, the link index and the diagnostics of the other
/// files carry over. Anything else returns nil and the handbook is built whole.
enum ModelUpdate {
    /// What a build leaves for the next one to start from.
    struct Memo: Sendable {
        /// `ModelUpdate.inputs`: everything the model reads besides the Markdown files.
        var inputs: Int
        var paths: [String]
        var textHashes: [Int?]
        /// For each file, its document's position in `output.handbook.documents`; nil for a
        /// file that became no document.
        var documentPositions: [Int?]
        var diagnosticsBeforeFiles: [Diagnostic]
        var fileDiagnostics: [[Diagnostic]]
        var diagnosticsAfterFiles: [Diagnostic]
        /// `Relations.inputs` of each document of `output.handbook`, in order: an update hashes
        /// again only the edited documents' (all 2,000 took a millisecond of each rebuild).
        var relationInputs: [Int]
        var output: HandbookBuilder.Output
    }

    /// More edited files than this (a checkout, a search and replace) are built whole, on all cores.
    static let mostEditedFiles = 32

    /// A hash of everything `HandbookBuilder` reads besides the Markdown files' texts.
    static func inputs(of source: HandbookSource, standard: StandardModel, rendersHTML: Bool) -> Int {
        var hasher = Hasher()
        hasher.combine(rendersHTML)
        hasher.combine(source.settingsText)
        hasher.combine(source.assets)
        hasher.combine(source.templateOverrides)
        hasher.combine(source.diagnostics)
        hasher.combine(source.history.fingerprint)
        hasher.combine(source.frameworkFiles)
        standard.combine(into: &hasher)
        return hasher.finalize()
    }

    static func apply(
        _ source: HandbookSource, to memo: Memo, standard: StandardModel, rendersHTML: Bool, keptIn store: ModelMemo
    ) -> HandbookBuilder.Output? {
        let files = source.markdownFiles
        guard files.count == memo.paths.count else { return nil }
        var edited: [Int] = []
        for position in files.indices {
            guard files[position].path == memo.paths[position], let hash = files[position].textHash else { return nil }
            if hash != memo.textHashes[position] {
                edited.append(position)
                if edited.count > mostEditedFiles { return nil }
            }
        }
        guard inputs(of: source, standard: standard, rendersHTML: rendersHTML) == memo.inputs,
            memo.relationInputs.count == memo.output.handbook.documents.count
        else { return nil }

        let handbook = memo.output.handbook
        var documents = handbook.documents
        var fileDiagnostics = memo.fileDiagnostics
        let headers = store.headers(
            names: edited.map { files[$0].path }, keys: edited.map { HandbookBuilder.headerKey(files[$0]) }
        ) { [edited] in HandbookBuilder.header(of: files[edited[$0]]) }
        var entries: [(index: Int, entry: BodyToParse)] = []
        let roleTitles = RoleTitles(
            roles: handbook.documents(of: .role).map { ($0.id.value, $0.title) },
            isID: { handbook.position(of: $0) != nil })
        for (position, header) in zip(edited, headers) {
            guard let index = memo.documentPositions[position], var document = header.output?.document,
                let split = header.split, header.output?.declaredID?.value == document.id.value,
                document.id.value == documents[index].id.value, document.type == documents[index].type,
                // Other documents may name a role by its title: a retitled role is built whole.
                document.type != .role || RoleTitles.key(document.title) == RoleTitles.key(documents[index].title)
            else { return nil }
            fileDiagnostics[position] = header.diagnostics + roleTitles.resolve(&document)
            entries.append(
                (index, BodyToParse(document: document, split: split, file: files[position], position: position)))
        }
        let parsing = BodyParsing(resolver: handbook.resolver, settings: handbook.settings, rendersHTML: rendersHTML)
        let bodies = store.bodies(
            names: entries.map(\.entry.document.path), keys: entries.map { parsing.key($0.entry) }
        ) { [entries] in parsing.parse(entries[$0].entry) }
        var relationInputs = memo.relationInputs
        for ((index, entry), body) in zip(entries, bodies) {
            documents[index] = parsing.document(entry, body: body, source: source)
            relationInputs[index] = Relations.inputs(of: documents[index])
        }
        store.finishModel(keepingAll: true)

        let relations = store.relations(inputs: relationInputs) { Relations(documents: documents) }
        // The inputs are the same, so is the standard; each edited document kept its id and type.
        let updated = handbook.replacing(documents: documents, changed: entries.map(\.index), relations: relations)
        let output = HandbookBuilder.Output(
            handbook: updated,
            diagnostics: memo.diagnosticsBeforeFiles + fileDiagnostics.joined() + memo.diagnosticsAfterFiles)
        var next = memo
        next.textHashes = files.map(\.textHash)
        next.fileDiagnostics = fileDiagnostics
        next.relationInputs = relationInputs
        next.output = output
        store.keep(next, edited: entries.map(\.index))
        return output
    }
}
