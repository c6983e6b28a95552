import AimsbookKit
import ArgumentParser
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new handbook with a draft starter document for every mandatory item.",
        discussion: "DIR must not exist or be empty. The new handbook passes 'aimsbook check'.")

    @Argument(help: "The folder to create the handbook in.")
    var directory: String

    @Option(help: "The organisation's name, for aimsbook.yml.")
    var organisation = "Your organisation"

    func run() throws {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: fileManager.currentDirectoryPath))
            .standardizedFileURL
        if let entries = try? fileManager.contentsOfDirectory(atPath: root.path), !entries.isEmpty {
            throw CommandFailure(
                "\(root.path) is not empty; 'aimsbook init' only creates a handbook in a new or empty folder")
        }
        let files = StarterHandbook.files(organisation: organisation)
        do {
            for file in files {
                let url = root.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw CommandFailure("cannot write the new handbook into \(root.path): \(error.localizedDescription)")
        }
        print("Created a handbook with \(files.count - 3) draft documents in \(root.path)")
        print("Next: edit content/, then run 'aimsbook check \(directory)' and 'aimsbook audit \(directory)'")
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new document from its type's template and print its path.",
        discussion: "Without ID, the next free id of the type is used (RISK-012 after RISK-011).")

    @Argument(help: "The document type: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var type: String

    @Argument(help: "The new document's id (optional), then the handbook root (default: .).")
    var idOrRoot: [String] = []

    @Option(help: "The document's title.")
    var title: String

    @Option(help: "The content folder (default: ROOT/content).")
    var content: String?

    func validate() throws {
        guard DocumentType(rawValue: type) != nil else {
            throw ValidationError(
                "'\(type)' is not a document type; use one of \(DocumentType.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if idOrRoot.count > 2 { throw ValidationError("give at most an id and a handbook root") }
    }

    func run() throws {
        let documentType = DocumentType(rawValue: type)!
        // `new risk RISK-007 ROOT`, `new risk ROOT` or `new risk RISK-007`: an id is never a path.
        var id: String?
        var rootPath = "."
        for argument in idOrRoot {
            if id == nil, rootPath == ".",
                idOrRoot.count == 2
                    || (DocumentID.isValid(argument) && !FileManager.default.fileExists(atPath: argument))
            {
                id = argument
            } else {
                rootPath = argument
            }
        }
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let paths = HandbookPaths(
            root: URL(fileURLWithPath: rootPath, relativeTo: current),
            content: content.map { URL(fileURLWithPath: $0, relativeTo: current) })
        let checked: Pipeline.Checked
        do {
            checked = try Pipeline.check(paths, asOf: nil, rendersHTML: false)
        } catch let error as HandbookLoadError {
            throw CommandFailure(error.description)
        }
        let document: StarterDocument
        do {
            document = try NewDocument.make(type: documentType, id: id, title: title, in: checked.handbook)
        } catch let failure as NewDocument.Failure {
            throw CommandFailure(failure.description)
        }
        let url = paths.content.appendingPathComponent(document.contentPath)
        if FileManager.default.fileExists(atPath: url.path) {
            throw CommandFailure("\(paths.displayPath(url)) already exists")
        }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(document.markdown.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw CommandFailure("cannot write \(url.path): \(error.localizedDescription)")
        }
        print(pathFromCurrentDirectory(url))
    }
}
