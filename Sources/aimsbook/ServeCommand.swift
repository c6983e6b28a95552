import AimsbookKit
import AimsbookPreview
import ArgumentParser
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on 127.0.0.1, rebuild and reload open pages on change.")

    @OptionGroup var location: HandbookLocation
    @OptionGroup var asOf: AsOfOption

    @Option(help: "The port on 127.0.0.1.")
    var port = 8000

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
    }

    func run() async throws {
        try location.checkRoot()
        let paths = location.paths
        do {
            try SiteWriter.checkOutputLocation(paths)
        } catch let error as SiteWriteError {
            throw CommandFailure(error.description)
        }
        let server = PreviewServer(paths: paths, port: port, asOf: try asOf.day())
        do {
            // Unbuffered, so progress lines appear at once also when piped.
            try await server.run { message in FileHandle.standardOutput.write(Data((message + "\n").utf8)) }
        } catch let error as SiteWriteError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("the preview server stopped: \(error)")
        }
    }
}
