import AimsbookKit
import ArgumentParser

/// Commands of cli.md whose issue has not landed yet: listed in --help, exit status 2 when run.
protocol NotYetBuilt: ParsableCommand {
    static var issue: String { get }
}

extension NotYetBuilt {
    func run() throws {
        throw CommandFailure("'aimsbook \(Self.configuration.commandName ?? "")' is not built yet (\(Self.issue))")
    }
}

struct ServeCommand: NotYetBuilt {
    static let issue = "authoring workflow"
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1 and rebuild on change.")
    @OptionGroup var location: HandbookLocation
}
