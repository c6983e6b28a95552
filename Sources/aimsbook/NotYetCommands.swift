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

struct InitCommand: NotYetBuilt {
    static let issue = "authoring workflow"
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new handbook with a starter document for every mandatory item.")
    @Argument var directory: String
}

struct NewCommand: NotYetBuilt {
    static let issue = "authoring workflow"
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a new document from its type's template.")
    @Argument var type: String
    @Argument var id: String?
}

struct ServeCommand: NotYetBuilt {
    static let issue = "authoring workflow"
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1 and rebuild on change.")
    @OptionGroup var location: HandbookLocation
}
