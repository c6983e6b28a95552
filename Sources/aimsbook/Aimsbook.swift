import AimsbookKit
import ArgumentParser
import CBuildInfo
import Foundation

/// The command line: a thin layer that parses arguments, calls the pipeline in AimsbookKit and
/// maps outcomes to the exit statuses of cli.md (0 clean, 1 handbook errors, 2 could not run).
@main
struct Aimsbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aimsbook",
        abstract: "Check and publish an ISO/IEC 42001 AI management system handbook kept as Markdown in git.",
        version: aimsbookVersionLine,
        subcommands: [
            BuildCommand.self, CheckCommand.self, SoACommand.self, AuditCommand.self, InitCommand.self,
            NewCommand.self, ServeCommand.self, ModelCommand.self, ImportCommand.self,
            DocumentsCommand.self, ChangesCommand.self, PackCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode {
                Foundation.exit(exit.rawValue)
            }
            if let failure = error as? CommandFailure {
                FileHandle.standardError.write(Data("aimsbook: error: \(failure.message)\n".utf8))
                Foundation.exit(2)
            }
            // Argument errors and anything unexpected: the command could not run.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// The release this source is; `make dist` names its tarball after it (read from `--version`).
let aimsbookVersion = "0.1.0"

/// What `aimsbook --version` prints: the release and the git commit the binary was built from
/// (`0.1.0 (commit 265d0e2c1f3a)`, or `0.1.0 (unknown commit)` from a build outside `make dist`).
let aimsbookVersionLine =
    AIMSBOOK_GIT_COMMIT == "unknown commit"
    ? "\(aimsbookVersion) (unknown commit)" : "\(aimsbookVersion) (commit \(AIMSBOOK_GIT_COMMIT))"

/// A command could not run (exit status 2), with a message saying why and what to do.
struct CommandFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Where the handbook is: a root and optional overrides of its folders (cli.md).
struct HandbookLocation: ParsableArguments {
    @Argument(help: "The handbook root, holding content/, templates/, output/ and aimsbook.yml.")
    var root: String = "."

    @Option(help: "The content folder (default: ROOT/content).")
    var content: String?

    @Option(help: "The templates folder overriding the built-in theme (default: ROOT/templates).")
    var templates: String?

    @Option(help: "The output folder (default: ROOT/output).")
    var output: String?

    var paths: HandbookPaths {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: current).standardizedFileURL }
        return HandbookPaths(
            root: url(root), content: content.map(url), templates: templates.map(url), output: output.map(url))
    }

    func checkRoot() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: paths.root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw CommandFailure("the handbook root \(paths.root.path) does not exist or is not a folder")
        }
    }
}

/// `--as-of YYYY-MM-DD`, shared by the commands whose output depends on "today".
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Treat this date (YYYY-MM-DD) as today, for reproducible output.")
    var asOf: String?

    func day() throws -> Day? {
        guard let asOf else { return nil }
        guard let day = Day(asOf) else {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
        }
        return day
    }
}

/// Loads and checks, turning load failures into exit status 2.
func checkedHandbook(_ location: HandbookLocation, asOf: Day?) throws -> Pipeline.Checked {
    try location.checkRoot()
    do {
        return try Pipeline.check(location.paths, asOf: asOf, rendersHTML: false)
    } catch let error as HandbookLoadError {
        throw CommandFailure(error.description)
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

var standardErrorIsTerminal: Bool {
    isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}
var standardOutputIsTerminal: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}
