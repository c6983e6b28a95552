import AimsbookKit
import ArgumentParser
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the handbook, then render the site into the output folder.",
        discussion:
            "With errors nothing is written and the previous site stays as it was; with --keep-going the site is written anyway, each page listing its errors, and the exit status is still 1."
    )

    @OptionGroup var location: HandbookLocation
    @OptionGroup var asOf: AsOfOption

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Do not read the documents' history from git.")
    var noGit = false

    @Flag(
        help:
            "Render the site despite errors (migration mode): broken references marked, a banner listing the errors on the home page and each affected page. Exits 1 all the same."
    )
    var keepGoing = false

    @Option(help: "Add changes.html: the documents changed since this git revision (a tag, branch or commit).")
    var since: String?

    func run() throws {
        try location.checkRoot()
        let paths = location.paths
        let hadSite = FileManager.default.fileExists(atPath: paths.output.path)
        let outcome: SiteBuild.Outcome
        do {
            let range = try since.map { try GitHistory.commits(since: $0, root: paths.root) }
            outcome = try SiteBuild.run(
                paths, asOf: asOf.day(), strict: strict, gitHistory: !noGit, since: range, keepGoing: keepGoing)
        } catch let error as HandbookLoadError {
            throw CommandFailure(error.description)
        } catch let error as GitHistory.RevisionError {
            throw CommandFailure(error.description)
        } catch let error as SiteWriteError {
            throw CommandFailure(error.description)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw CommandFailure("the site could not be rendered: \(error)")
        }
        if StageTimings.shared.enabled { printToStandardError(StageTimings.shared.report() + "\n") }
        let report = outcome.checked.report
        if !report.diagnostics.isEmpty {
            printToStandardError(DiagnosticFormat.text.render(report, color: standardErrorIsTerminal))
        }
        guard let written = outcome.writtenFiles else {
            printToStandardError(
                "aimsbook: the site was not built; fix the errors above "
                    + (hadSite ? "(the previous site is unchanged)\n" : "(no site was written)\n"))
            throw ExitCode(1)
        }
        let index = paths.output.appendingPathComponent(SitePaths.home).path
        print(
            "Built \(written) files from \(outcome.checked.handbook.documents.count) documents into \(paths.displayPath(paths.output))/"
        )
        print("Open file://\(index)")
        let diagnostics = outcome.checked.diagnostics
        let errors = diagnostics.errorCount + (strict ? diagnostics.warningCount : 0)
        if errors > 0 {
            printToStandardError(
                "aimsbook: built despite \(errors) \(strict ? "problem" : "error")\(errors == 1 ? "" : "s") (--keep-going): each is listed on its page; the exit status is 1\n"
            )
            throw ExitCode(1)
        }
    }
}
