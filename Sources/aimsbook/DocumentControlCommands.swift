import AimsbookKit
import ArgumentParser
import Foundation

/// `--no-git`, shared by the commands that read the handbook's git history.
struct GitOption: ParsableArguments {
    @Flag(help: "Do not read the documents' history from git.")
    var noGit = false
}

/// Loads with the documents' git history and checks, turning load failures into exit status 2.
func checkedHandbookWithHistory(
    _ location: HandbookLocation, asOf: Day?, gitHistory: Bool
) throws
    -> Pipeline.Checked
{
    try location.checkRoot()
    do {
        return try Pipeline.check(location.paths, asOf: asOf, gitHistory: gitHistory, rendersHTML: false)
    } catch let error as HandbookLoadError {
        throw CommandFailure(error.description)
    }
}

func reportErrors(_ checked: Pipeline.Checked) {
    if checked.report.errorCount > 0 {
        printToStandardError(
            "aimsbook: the handbook has \(checked.report.errorCount) error(s); run 'aimsbook check' to see them\n")
    }
}

struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "Print the master list of documented information, with last change and approval from git.",
        discussion: "Exit status 1 when the handbook has errors (the list is still printed), 2 when it could not run.")

    @OptionGroup var location: HandbookLocation
    @OptionGroup var git: GitOption

    @Option(help: "Output format: table, csv or json.")
    var format: SoAFormat = .table

    func run() throws {
        let checked = try checkedHandbookWithHistory(location, asOf: nil, gitHistory: !git.noGit)
        let list = MasterList(checked.handbook)
        switch format {
        case .table: print(list.table(), terminator: "")
        case .csv: print(list.csv(), terminator: "")
        case .json: print(list.json(), terminator: "")
        }
        reportErrors(checked)
        if checked.report.errorCount > 0 { throw ExitCode(1) }
    }
}

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "List the documents added, modified, retired or removed since a git revision, by clause and control.",
        discussion:
            "REV is a tag (the last audit's), a branch or a commit. Exit status 2 when REV is unknown or the handbook is not in git."
    )

    @OptionGroup var location: HandbookLocation

    @Option(help: "The revision to compare HEAD with: a tag, branch or commit.")
    var since: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        try location.checkRoot()
        let range: RevisionRange
        do {
            range = try GitHistory.commits(since: since, root: location.paths.root)
        } catch let error as GitHistory.RevisionError {
            throw CommandFailure(error.description)
        }
        let checked = try checkedHandbookWithHistory(location, asOf: nil, gitHistory: true)
        let report = ChangeReport(range, history: checked.source.history, handbook: checked.handbook)
        print(
            format == .json
                ? ChangeReportWriter.json(report)
                : ChangeReportWriter.text(report, standard: checked.handbook.standard),
            terminator: "")
        reportErrors(checked)
        if checked.report.errorCount > 0 { throw ExitCode(1) }
    }
}

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write the audit pack: the site, SoA and master-list CSV, audit.json and MANIFEST.sha256.",
        discussion:
            "FILE ends in .zip or .tar.gz. The same commit and --as-of give a byte-identical archive. A tree with uncommitted changes is packed with a warning, and PACK.txt says so."
    )

    @OptionGroup var location: HandbookLocation
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var git: GitOption

    @Option(help: "The archive to write: FILE.zip or FILE.tar.gz.")
    var out: String

    @Option(help: "Add the changes since this git revision (the last audit's tag): changes.json and site/changes.html.")
    var since: String?

    func run() throws {
        guard let format = ArchiveWriter.Format(fileName: out) else {
            throw ValidationError("--out must end in .zip or .tar.gz, not '\(out)'")
        }
        try location.checkRoot()
        let paths = location.paths
        let checked: Pipeline.Checked
        do {
            checked = try Pipeline.check(paths, asOf: asOf.day(), gitHistory: !git.noGit)
        } catch let error as HandbookLoadError {
            throw CommandFailure(error.description)
        }
        if checked.report.errorCount > 0 {
            printToStandardError(DiagnosticFormat.text.render(checked.report, color: standardErrorIsTerminal))
            printToStandardError("aimsbook: no pack was written; fix the errors above\n")
            throw ExitCode(1)
        }
        let archive: [UInt8]
        let pack: AuditPack.Pack
        do {
            let changes = try since.map {
                ChangeReport(
                    try GitHistory.commits(since: $0, root: paths.root), history: checked.source.history,
                    handbook: checked.handbook)
            }
            var options = SiteRenderer.Options(asOf: checked.asOf)
            options.changes = changes
            let site = try SiteRenderer.render(checked.handbook, options: options)
            pack = try AuditPack.make(checked, site: site, paths: paths, gitHistory: !git.noGit, changes: changes)
            archive = try ArchiveWriter.archive(pack.entries, format: format, day: checked.asOf)
        } catch let error as ArchiveError {
            throw CommandFailure(error.description)
        } catch let error as ThemeError {
            throw CommandFailure(error.description)
        } catch let error as GitHistory.RevisionError {
            throw CommandFailure(error.description)
        }
        let target = URL(
            fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            try Data(archive).write(to: target, options: .atomic)
        } catch {
            throw CommandFailure("the pack could not be written to \(target.path): \(error.localizedDescription)")
        }
        let provenance = pack.provenance
        if provenance.commit == nil {
            printToStandardError("aimsbook: warning: the handbook is not in git; the pack names no commit\n")
        } else if !provenance.isClean {
            printToStandardError(
                "aimsbook: warning: \(provenance.uncommitted.count) handbook file(s) have uncommitted changes; the pack says the tree was dirty\n"
            )
        }
        print(
            "Packed \(pack.entries.count) files (\(provenance.commit.map { String($0.prefix(12)) } ?? "no commit"), as of \(provenance.asOf)) into \(out)"
        )
    }
}
