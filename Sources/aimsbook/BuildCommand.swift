import AimsbookKit
import ArgumentParser
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the handbook, then render the site into the output folder.",
        discussion: "With errors nothing is written and the previous site stays as it was.")

    @OptionGroup var location: HandbookLocation
    @OptionGroup var asOf: AsOfOption

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let checked = try checkedHandbook(location, asOf: asOf.day())
        let report = checked.report
        if !report.diagnostics.isEmpty {
            printToStandardError(DiagnosticFormat.text.render(report, color: standardErrorIsTerminal))
        }
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            printToStandardError("aimsbook: the site was not built; fix the errors above (the previous site is unchanged)\n")
            throw ExitCode(1)
        }
        let paths = location.paths
        do {
            try SiteWriter.checkOutputLocation(paths)
            let files = try SiteRenderer.render(checked.handbook, options: .init(asOf: checked.asOf))
            try SiteWriter.write(files, to: paths.output)
            let index = paths.output.appendingPathComponent(SitePaths.home).path
            print("Built \(files.count) files from \(checked.handbook.documents.count) documents into \(paths.displayPath(paths.output))/")
            print("Open file://\(index)")
        } catch let error as SiteWriteError {
            throw CommandFailure(error.description)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("the site could not be rendered: \(error)")
        }
    }
}
