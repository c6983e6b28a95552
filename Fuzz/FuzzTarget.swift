import AimsbookKit
import Foundation

// What is fuzzed (Fuzz/run.sh builds and runs it). One binary fuzzes three stages, chosen by FUZZ_TARGET:
//   front-matter  file bytes → TextDecoding → FrontMatterSplitter
//   model         … → FrontMatterParser (the flat reader, checked against Yams) → DocumentBuilder,
//                 or FrontMatterIDRecovery where the YAML does not parse
//   links         the input as a body: every link cmark-gfm and the wiki-link scanner find, and
//                 every line as a raw destination, through LinkResolver and its URLs
// Any input must end in values and diagnostics. A crash, a hang or a broken invariant below is a bug.

enum FuzzTarget: String, CaseIterable {
    case frontMatter = "front-matter"
    case model
    case links

    /// Chosen once, in main.swift, before libFuzzer runs.
    nonisolated(unsafe) static var selected = FuzzTarget.frontMatter
}

/// libFuzzer calls this once per input (its own `main`, linked in too, also refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch FuzzTarget.selected {
    case .frontMatter: fuzzFrontMatter(bytes)
    case .model: fuzzModel(bytes)
    case .links: fuzzLinks(bytes)
    }
    return 0
}

/// A broken invariant: reported like a crash, with what broke (precondition's message is dropped in -O).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    FileHandle.standardError.write(Data("aimsbook-fuzz: invariant broken: \(message())\n".utf8))
    abort()
}

let file = "content/fuzz/input.md"

/// The text as the loader would hand it on, or nil for a file it reports as not UTF-8.
func decoded(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    switch TextDecoding.decode(bytes) {
    case .success(let text):
        require(!text.utf8.contains(13), "decoded text still holds a CR")
        return text
    case .failure(let line, let column):
        require(line >= 1 && column >= 1, "invalid byte reported at \(line):\(column)")
        return nil
    }
}

func lineCount(_ text: String) -> Int { text.utf8.count(where: { $0 == UInt8(ascii: "\n") }) + 1 }

func fuzzFrontMatter(_ bytes: UnsafeBufferPointer<UInt8>) {
    if let text = decoded(bytes), case .success(let split) = FrontMatterSplitter.split(text, file: file) {
        // The body's first line must be where the body really starts, or every body position is off.
        require(split.yamlFirstLine == 2, "YAML starts on line \(split.yamlFirstLine)")
        require(text.hasSuffix(split.body), "the body is not the end of the file")
        if !split.body.isEmpty {
            let before = text.utf8.count - split.body.utf8.count
            let newlines = text.utf8.prefix(before).count(where: { $0 == UInt8(ascii: "\n") })
            require(split.bodyFirstLine == newlines + 1, "body said to start on \(split.bodyFirstLine)")
        }
    }
    // Callers on strings may pass CR line endings, a BOM and replacement characters: tolerated too.
    _ = FrontMatterSplitter.split(String(decoding: bytes, as: UTF8.self), file: file)
}

func fuzzModel(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let text = decoded(bytes), case .success(let split) = FrontMatterSplitter.split(text, file: file) else {
        return
    }
    let lines = lineCount(text)
    func requireInFile(_ location: SourceLocation, _ what: String) {
        require(
            location.file == file && (1...lines + 1).contains(location.line) && location.column >= 1,
            "\(what) at \(location) in a file of \(lines) lines")
    }
    let parsed = FrontMatterParser.parse(split, file: file)
    // The flat fast path must read whatever it accepts exactly as Yams does.
    require(
        parsed == FrontMatterParser.parse(split, file: file, flatReader: false),
        "the flat reader and Yams read the front matter differently")
    switch parsed {
    case .failure(let diagnostic):
        requireInFile(diagnostic.location, diagnostic.code)
        // The id read from front matter YAML could not parse: a valid id or none.
        if let id = FrontMatterIDRecovery.id(in: split.yaml) {
            require(DocumentID.isValid(id), "recovered the id '\(id)'")
        }
    case .success(let frontMatter):
        let output = DocumentBuilder.build(frontMatter, path: file, contentPath: "fuzz/input.md")
        for diagnostic in output.diagnostics {
            requireInFile(diagnostic.location, diagnostic.code)
            for note in diagnostic.notes { note.location.map { requireInFile($0, diagnostic.code + " note") } }
        }
        if let document = output.document {
            require(DocumentID.isValid(document.id.value), "document built with the id '\(document.id.value)'")
            requireInFile(document.id.location, "id")
        }
    }
}

/// A small handbook to resolve against: documents and assets in folders, a space and a non-ASCII name.
let documents = [
    (id: "POL-001", contentPath: "policies/ai-policy.md"),
    (id: "PROC-003", contentPath: "procedures/risk assessment.md"),
    (id: "ROLE-AIGO", contentPath: "roles/aigo.md"),
    (id: "REC-001", contentPath: "records/2026/audit.md"),
]
let assets = ["procedures/flow chart.png", "img/diagramm-ü.svg", "records/2026/minutes.pdf"]
/// A file that became no document, known by its id and its path.
let brokenIDs: Set<String> = ["POL-BROKEN"]
let brokenPaths: Set<String> = ["policies/broken.md"]
let resolver = LinkResolver(
    documents: documents.map { ($0.id, $0.contentPath) }, assetPaths: assets, standard: .iso42001,
    brokenIDs: brokenIDs, brokenPaths: brokenPaths)
let kinds: [LinkReference.Kind] = [.link, .image, .wiki]

func fuzzLinks(_ bytes: UnsafeBufferPointer<UInt8>) {
    let text = decoded(bytes) ?? String(decoding: bytes, as: UTF8.self)
    let choice = Int(bytes.last ?? 0)
    let from = documents[choice % documents.count]
    let page = SitePaths.document(from.id)

    func check(_ reference: LinkReference) -> String? {
        let target = resolver.resolve(reference, from: from.contentPath)
        let url = resolver.url(for: target, from: page)
        var inSite: String?
        switch target {
        case .document(let id, _):
            require(resolver.documentExists(id), "'\(reference.destination)' resolved to unknown \(id)")
            inSite = "docs/"
        case .asset(let contentPath, _):
            require(assets.contains(contentPath), "'\(reference.destination)' resolved to \(contentPath)")
            inSite = "files/"
        case .clause(let id):
            require(StandardModel.iso42001.clause(id) != nil, "'\(reference.destination)' → clause \(id)")
            inSite = "clauses/"
        case .control(let id):
            require(StandardModel.iso42001.control(id) != nil, "'\(reference.destination)' → control \(id)")
            inSite = "controls/"
        case .unsafe(let scheme):
            require(url == nil, "the unsafe scheme \(scheme) kept a URL")
            require(!["http", "https", "mailto", "tel"].contains(scheme.lowercased()), "\(scheme) called unsafe")
        case .brokenDocument(let name):
            require(
                brokenIDs.contains(name) || brokenPaths.contains(name), "'\(reference.destination)' → broken \(name)")
            require(url == "#", "the broken document \(name) got the URL \(url ?? "nil")")
        case .inPage, .external, .unresolved:
            break
        }
        if let inSite, let url {
            // A page one folder deep: the link climbs exactly one level, then stays in the site.
            let rest = url.dropFirst(3)
            require(url.hasPrefix("../") && rest.hasPrefix(inSite), "'\(reference.destination)' → URL \(url)")
            require(!rest.split(separator: "/").contains(".."), "'\(reference.destination)' → URL \(url) climbs")
        }
        return url
    }

    // The first lines as raw destinations, as cmark-gfm could never deliver them (spaces, controls,
    // '%'). Long prose lines only cost "did you mean" edit distances, and cut the inputs a second.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(16)
    for (index, line) in lines.enumerated() where line.utf8.count <= 256 {
        let kind = kinds[(choice + index) % kinds.count]
        _ = check(LinkReference(kind: kind, destination: String(line), location: .file(file)))
    }
    // The input as a body, the way the model stage meets links.
    let options = MarkdownParser.Options(rendersHTML: false, headingLevelOffset: 1)
    _ = MarkdownParser.parse(text, firstLine: 1, file: file, options: options, rewrite: check)

    // As `build` meets it: HTML for the document's page, and for the print view from the same
    // tree, which must be what a parse of its own for the print view gives.
    func printURL(_ reference: LinkReference) -> String? {
        resolver.printURL(for: resolver.resolve(reference, from: from.contentPath), inDocument: from.id)
    }
    let prefix = SitePaths.printHeadingPrefix(from.id)
    let printOptions = MarkdownParser.Options(headingIDPrefix: prefix, headingLevelOffset: 2)
    let both = MarkdownParser.parse(
        text, firstLine: 1, file: file, options: .init(headingLevelOffset: 1), rewrite: check,
        print: .init(headingIDPrefix: prefix, headingLevelOffset: 2) { printURL($1) })
    let separate = MarkdownParser.parse(text, firstLine: 1, file: file, options: printOptions, rewrite: printURL)
    require(both.printHTML == separate.html, "the print view's HTML differs from a parse of its own")
}
