import AimsbookKit
import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Report audit readiness: the verdict, the gates that fail and what to do, evidence for each mandatory item.",
        discussion:
            "Exit status 0 when ready (every gate passes), 1 when not ready or the handbook has errors, 2 when the report cannot be made (bad arguments or settings), so CI can gate on it. A readiness view, not a certification decision."
    )

    @OptionGroup var location: HandbookLocation
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var git: GitOption

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let checked = try checkedHandbookWithHistory(location, asOf: asOf.day(), gitHistory: !git.noGit)
        // With aimsbook.yml in error the intervals and risk criteria are unknown: no verdict.
        let settingsErrors = checked.diagnostics.filter { $0.severity == .error && $0.location.file == "aimsbook.yml" }
        if let first = settingsErrors.first {
            throw CommandFailure(
                "aimsbook.yml has errors, so readiness cannot be judged: \(first.location): \(first.message)")
        }
        let report = AuditReport(handbook: checked.handbook, asOf: checked.asOf)
        print(format == .json ? AuditReportWriter.json(report) : AuditReportWriter.text(report), terminator: "")
        if checked.report.errorCount > 0 {
            printToStandardError(
                "aimsbook: the handbook has \(checked.report.errorCount) error(s); run 'aimsbook check' to see them\n")
        }
        if !report.ready || checked.report.errorCount > 0 { throw ExitCode(1) }
    }
}
