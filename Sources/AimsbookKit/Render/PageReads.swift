import Foundation
import Synchronization

/// What a page was made from, so a rebuild after a front-matter edit can make again only the
/// pages that read what changed.
///
/// Pages read the handbook only through `RenderContext` (`handbook` is a `HandbookReader`, the
/// derived parts are accessors), and every read records what it touched in the page's `ReadLog`.
/// A page family gets a context, never a `Handbook`; the context's outline, log and derived
/// parts are private, and the unrecorded accessors ask for a `RendererAccess`, which only
/// `SiteRenderer` can make: a page that reads the handbook without recording it does not
/// compile. A rebuild compares the new outline with the last one and makes again every page
/// whose log meets the change.
enum PageRead: Hashable, Sendable {
    /// One document's outline entry (any field of its front matter, where its links lead).
    case document(String)
    /// Which documents a type has and any field of any of them.
    case type(DocumentType)
    /// Any field of any document.
    case allDocuments
    /// What the relations say about one document (`DocumentRelations`).
    case relationsOf(String)
    /// Which documents address one clause.
    case clauseDocuments(String)
    /// Which documents link to one clause or control in their bodies.
    case mentionsOf(String)
    /// The parts derived from many documents, compared as a whole on a rebuild.
    case relations
    case soa
    case audit
    case coverage
    case obligations
    case directReports
}

/// What a page, a row or a list read. Large sets noted whole (a kept list of 800 refs, a kept
/// row) are held as they are, not merged: reusing a kept list then costs one append, not a
/// hash of each of its reads.
struct ReadSet: Sendable {
    private(set) var own: Set<PageRead> = []
    private(set) var shared: [Set<PageRead>] = []

    /// Sets at least this large are held whole, not merged.
    static let sharedFrom = 16

    init() {}

    init(_ reads: Set<PageRead>) { own = reads }

    mutating func insert(_ read: PageRead) { own.insert(read) }

    mutating func formUnion(_ other: ReadSet) {
        if other.own.count >= Self.sharedFrom { shared.append(other.own) } else { own.formUnion(other.own) }
        shared += other.shared
    }

    func contains(_ read: PageRead) -> Bool {
        own.contains(read) || shared.contains { $0.contains(read) }
    }

    /// Every read once, for tests and diagnostics.
    var all: Set<PageRead> { shared.reduce(own) { $0.union($1) } }
}

/// Where the page being made notes its reads. A page is made on one thread, so the log needs
/// no lock; one log is never shared by pages made at the same time.
// @unchecked: made, written and read by the one page job (or row, or list) it records.
final class ReadLog: @unchecked Sendable {
    private(set) var reads = ReadSet()
    /// How many reads were noted, repeated ones too: a row of a kept table checks that it
    /// noted none in its page's log (`RenderContext.rowsHTML(page:…)`).
    private(set) var notes = 0

    func note(_ read: PageRead) {
        notes += 1
        reads.insert(read)
    }

    func note(_ more: ReadSet) { reads.formUnion(more) }
}

/// A row of a kept table read the handbook through its page's context instead of its own: the
/// row would be kept when what it read changed. A defect of the page family named, never of
/// the handbook (`RenderContext.rowsHTML(page:…)`).
struct RowReadThroughPage: Error, CustomStringConvertible {
    var page: String
    var row: String

    var description: String {
        "internal error: row '\(row)' of \(page) read the handbook through its page's context, not its own"
    }
}

/// The handbook as pages see it: the outline, with each read noted in the page's log. Fields
/// that a targeted rebuild requires to be unchanged (settings, the standard, frameworks, the
/// resolver, ids and types) are read freely (`SiteRenderer.TargetedRebuild`).
struct HandbookReader {
    private let box: SharedHandbook
    private let log: ReadLog?
    private let soaWithBody: Document?

    init(_ outline: SharedHandbook, log: ReadLog?, soaDocumentWithBody: Document? = nil) {
        self.box = outline
        self.log = log
        self.soaWithBody = soaDocumentWithBody
    }

    private func note(_ read: PageRead) { log?.note(read) }

    var settings: Settings { box.handbook.settings }
    var standard: StandardModel { box.handbook.standard }
    var frameworks: FrameworkLibrary { box.handbook.frameworks }
    var resolver: LinkResolver { box.handbook.resolver }
    /// Unchanged when ids are (a targeted rebuild's condition).
    var documentCount: Int { box.handbook.documents.count }
    /// Unchanged when ids and types are (a targeted rebuild's condition).
    var positionsInTypeOrder: [Int] { box.handbook.positionsInTypeOrder }

    func document(_ id: String) -> Document? {
        note(.document(id))
        return box.handbook.document(id)
    }

    func documents(of type: DocumentType) -> [Document] {
        note(.type(type))
        return box.handbook.documents(of: type)
    }

    /// Each document of `type`, in id order, without making an array of them.
    func forEachDocument(of type: DocumentType, _ body: (Document) throws -> Void) rethrows {
        note(.type(type))
        try box.handbook.forEachDocument(of: type, body)
    }

    var documents: [Document] {
        note(.allDocuments)
        return box.handbook.documents
    }

    /// Where the documents of `type` sit in `documents`, in id order.
    func positions(of type: DocumentType) -> [Int] {
        note(.type(type))
        return box.handbook.positions(of: type)
    }

    /// How many documents (of `type`, or of any type) have `status`.
    func count(of type: DocumentType? = nil, status: DocumentStatus) -> Int {
        note(type.map(PageRead.type) ?? .allDocuments)
        return box.handbook.count(of: type, status: status)
    }

    /// How many documents (of `type`, or of any type) meet `condition`; see `Handbook.count`.
    func count(of type: DocumentType? = nil, where condition: (Document) -> Bool = { _ in true }) -> Int {
        note(type.map(PageRead.type) ?? .allDocuments)
        return box.handbook.count(of: type, where: condition)
    }

    var soaDocument: Document? {
        note(.type(.soa))
        return box.handbook.soaDocument
    }

    /// The SoA document with its body, which the outline's lacks (`RenderContext.carryingSoABody`).
    var soaDocumentWithBody: Document? {
        note(.type(.soa))
        return soaWithBody
    }

    var relations: Relations {
        note(.relations)
        return box.handbook.relations
    }

    /// The ids of the documents addressing `clause`, noted as that clause's entry only.
    func documents(addressing clause: String) -> [String] {
        note(.clauseDocuments(clause))
        return box.handbook.relations.documentsByClause[clause] ?? []
    }

    /// The ids of the documents whose bodies link to a clause or control, noted as its entry only.
    func documents(mentioning requirement: String) -> [String] {
        note(.mentionsOf(requirement))
        return box.handbook.relations.mentionedBy[requirement] ?? []
    }

    /// What the relations say about one document, noted as that document's entry only.
    func relations(about id: String) -> DocumentRelations {
        note(.relationsOf(id))
        return box.handbook.relations.about(id)
    }

    /// The whole outline, for code that takes a `Handbook`: the page then depends on every document.
    var whole: Handbook {
        note(.allDocuments)
        return box.handbook
    }
}

/// A page (or a few files made together) of a page family, made on its own, so that a rebuild
/// can make only the pages whose reads met the change. `key` names it across builds.
struct PageJob: Sendable {
    var key: String
    var make: @Sendable (RenderContext) throws -> [OutputFile]

    init(_ key: String, make: @escaping @Sendable (RenderContext) throws -> [OutputFile]) {
        self.key = key
        self.make = make
    }

    init(_ key: String, one make: @escaping @Sendable (RenderContext) throws -> OutputFile) {
        self.key = key
        self.make = { [try make($0)] }
    }
}

/// The files a page job made and what they read, kept for the next rebuild.
struct PageRecord: Sendable {
    var paths: [String]
    var reads: ReadSet
}

/// Which positions (the rows of a kept table, the documents of the handbook) read each read: a
/// targeted rebuild finds the few to make again from what changed, instead of testing the reads
/// of each of hundreds or thousands.
///
/// An index of more reads than are now made is still right, only less sharp: a position made
/// again adds its new reads and keeps its old ones.
struct ReadIndex: Sendable {
    private var positions: [PageRead: [Int]] = [:]

    /// Notes what the thing at `position` read.
    /// - Parameter notedBefore: what it read when it was last noted. The large sets it shares
    ///   with kept lists (`ReadSet.shared`; a role's page lists hundreds of documents) are mostly
    ///   the same sets again, and are not gone through again.
    mutating func note(_ reads: ReadSet, position: Int, notedBefore: ReadSet? = nil) {
        for read in reads.own { add(read, position) }
        for set in reads.shared where notedBefore?.shared.contains(where: { $0 == set }) != true {
            for read in set { add(read, position) }
        }
    }

    private mutating func add(_ read: PageRead, _ position: Int) {
        // Positions noted in order (a whole table, a full render) need no search: only one made
        // again can be there already.
        if let readers = positions[read], let last = readers.last, last >= position, readers.contains(position) {
            return
        }
        positions[read, default: []].append(position)
    }

    /// The positions that read any of `reads`.
    func readers(of reads: some Sequence<PageRead>) -> Set<Int> {
        var found: Set<Int> = []
        for read in reads {
            if let readers = positions[read] { found.formUnion(readers) }
        }
        return found
    }
}

/// The `ReadIndex` of the document pages, by position in the handbook. One index is shared, and
/// added to in place, by the site that made it and every site rebuilt from it (copying it each
/// rebuild cost more than it saved); a render that makes every page starts a new one.
final class DocumentReaders: Sendable {
    private let index = Mutex(ReadIndex())

    func note(_ reads: ReadSet, position: Int, notedBefore: ReadSet? = nil) {
        index.withLock { $0.note(reads, position: position, notedBefore: notedBefore) }
    }

    func readers(of reads: some Sequence<PageRead>) -> Set<Int> {
        index.withLock { $0.readers(of: reads) }
    }
}

/// A handbook shared by reference: the renderer's outline, which every page job reads through
/// its own `HandbookReader`. A reader held the `Handbook` itself, and making one (each
/// `context.handbook`) copied its five dozen references, retained and released on both cores at
/// once, for each read of a page.
final class SharedHandbook: Sendable {
    let handbook: Handbook

    init(_ handbook: Handbook) { self.handbook = handbook }
}
