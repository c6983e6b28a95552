import AimsbookKit
import Foundation
import Hummingbird
import ServiceLifecycle

/// `aimsbook serve`: builds the handbook, serves the site from memory on 127.0.0.1 only, watches
/// content/, templates/ and aimsbook.yml, rebuilds on change and tells open pages to reload,
/// then writes the site into the output folder. The site is rendered despite errors
/// (`SiteBuild.run(keepGoing:)`): each page banners its own errors and an overlay lists them
/// all; a build that cannot run leaves the last site served.
public struct PreviewServer: Sendable {
    public var paths: HandbookPaths
    public var port: Int
    public var asOf: Day?
    /// After how many seconds an idle connection is closed.
    static let idleSeconds = 10
    /// How often the folders are looked at for changes.
    public var pollInterval: Duration = .milliseconds(400)

    public init(paths: HandbookPaths, port: Int, asOf: Day?) {
        self.paths = paths
        self.port = port
        self.asOf = asOf
    }

    public func run(log: @escaping @Sendable (String) -> Void) async throws {
        let state = PreviewState()
        // One writer per output folder, for as long as this serves it.
        let lock = try OutputLock.acquire(for: paths.output, displayName: paths.displayPath(paths.output))
        let writer = OutputWriting(paths: paths, log: log, lock: lock)
        let builder = PreviewBuilder(paths: paths, asOf: asOf, state: state, log: log, output: writer)
        // Watching starts before the first build, so that an edit saved while it runs is seen.
        let watchStart = builder.startWatching()
        await builder.rebuild()

        let router = Router()
        router.add(middleware: PreviewMethods())
        let served = state.served
        router.get("/__aimsbook/status") { _, _ -> Response in
            let status = await state.statusJSON()
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: status)))
        }
        router.get("/__aimsbook/events") { _, _ -> Response in
            let updates = await state.subscribe()
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    // A restarted server is found again within a third of a second.
                    try await writer.write(ByteBuffer(string: "retry: 300\n\n"))
                    // Ends when the server does: an open stream would hold its graceful shutdown.
                    for try await status in updates.cancelOnGracefulShutdown() {
                        try await writer.write(ByteBuffer(string: "data: \(status)\n\n"))
                    }
                    try await writer.finish(nil)
                })
        }
        // Revalidated, as the site's scripts are: a reloading page asks for it again at once.
        router.get("/__aimsbook/live-reload.js") { request, _ -> Response in
            StaticFiles.revalidated(
                Array(LiveReload.script.utf8), headers: [.contentType: "text/javascript; charset=utf-8"],
                ifNoneMatch: request.headers[.ifNoneMatch])
        }
        // The site's files answer GET and HEAD alike (`PreviewMethods` drops a HEAD's body).
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/", method: method) { _, _ -> Response in
                let site = served.value
                return StaticFiles.response(for: "/", in: site, version: state.version(of: site))
            }
            router.on("**", method: method) { request, _ -> Response in
                // One site value for the whole response, named by its own build's version.
                let site = served.value
                return StaticFiles.response(
                    for: request.uri.path, in: site, version: state.version(of: site),
                    ifNoneMatch: request.headers[.ifNoneMatch])
            }
        }
        let app = Application(
            router: router,
            // A connection idle this long (no request, or a request's headers not finished) is
            // closed: a client that opens connections and sends nothing holds none for ever; so
            // is one whose request was not to be kept alive (HTTP/1.0), once answered.
            server: ClosingHTTP1Channel.builder(.init(idleTimeout: .seconds(Int64(Self.idleSeconds)))),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "aimsbook"),
            onServerRunning: { _ in
                log("Serving \(paths.root.path) at http://127.0.0.1:\(port)/ from memory (Ctrl-C to stop)")
            }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            group.addTask { try await builder.watch(from: watchStart, every: pollInterval) }
            group.addTask { await writer.run() }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// What the pages are served and told: the site of the last successful build, a version that
/// changes with it, and the errors of the last build when it failed. Each open page's event
/// stream gets every change at once.
actor PreviewState {
    /// The site requests are answered from, replaced whole by each successful build.
    nonisolated let served = ServedSite.Current()
    private nonisolated let server = UInt32.random(in: 1...UInt32.max)
    private var builds = 0
    private var diagnostics: [Diagnostic] = []
    /// Whether the site served was rendered from the build the diagnostics are of.
    private var rendered = false
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0

    /// A served site's version: `<server>.<build>`, so that a page served by a server since
    /// restarted is told its version is gone.
    nonisolated func version(of site: ServedSite) -> String { "\(server).\(site.build)" }

    /// Serves `files`, then tells the pages: a page that reloads on the news gets the new site.
    /// - Parameter diagnostics: the errors the site was rendered despite (`serve` keeps going).
    func built(_ files: [OutputFile], basePath: String? = nil, despite diagnostics: [Diagnostic] = []) {
        builds += 1
        served.replace(with: ServedSite(files: files, build: builds, basePath: basePath))
        self.diagnostics = diagnostics
        rendered = true
        tellListeners()
    }

    func failed(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
        rendered = false
        tellListeners()
    }

    /// The status now, then each new one; a page that cannot keep up is told the latest.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        let number = nextListener
        nextListener += 1
        listeners[number] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(number) } }
        continuation.yield(statusJSON())
        return stream
    }

    private func unsubscribe(_ number: Int) { listeners[number] = nil }

    private func tellListeners() {
        let status = statusJSON()
        for listener in listeners.values { listener.yield(status) }
    }

    func statusJSON() -> String {
        let errors = diagnostics.filter { $0.severity == .error }.prefix(50).map { diagnostic -> JSONValue in
            .object([
                ("file", .string(diagnostic.location.file)), ("line", .int(diagnostic.location.line)),
                ("column", .int(diagnostic.location.column)), ("code", .string(diagnostic.code)),
                ("message", .string(diagnostic.message)),
            ])
        }
        return JSONValue.object([
            ("version", .int(builds)), ("server", .int(Int(server))), ("errors", .array(Array(errors))),
            ("rendered", .bool(rendered && !errors.isEmpty)),
        ]).serialized()
    }
}

/// Rebuilds when the handbook's files change (debounced: it waits until they stop changing).
struct PreviewBuilder: Sendable {
    let paths: HandbookPaths
    let asOf: Day?
    let state: PreviewState
    let log: @Sendable (String) -> Void
    /// Writes each successful build's site into the output folder once the pages are told.
    let output: OutputWriting
    /// Each rebuild re-does only what the edit changed (`ServeSession`).
    let session = ServeSession()

    func rebuild() async {
        do {
            let clock = ContinuousClock()
            let start = clock.now
            // Always rendered: a half-migrated handbook is previewed with its errors shown.
            let outcome = try SiteBuild.run(paths, asOf: asOf, session: session, write: false, keepGoing: true)
            // Counted on the diagnostics: the report gathers every file's text for excerpts.
            let errors = outcome.checked.diagnostics.errorCount
            let report = errors > 0 ? outcome.checked.report : nil
            if let files = outcome.files {
                await state.built(
                    files, basePath: outcome.checked.handbook.settings.basePath, despite: report?.diagnostics ?? [])
                output.offer(files)
            }
            let elapsed = clock.now - start
            if StageTimings.shared.enabled { log(StageTimings.shared.report()) }
            if let written = outcome.writtenFiles {
                // Counted on the diagnostics: the report gathers every file's text for excerpts.
                let warnings = outcome.checked.diagnostics.warningCount
                if let report { log(DiagnosticFormat.text.render(report)) }
                log(
                    "Built \(written) files in \(Self.milliseconds(elapsed)) ms (\(outcome.renderedPages ?? written) pages rendered)"
                        + (warnings > 0 ? " (\(warnings) warnings)" : "")
                        + (errors > 0 ? "; \(errors) error\(errors == 1 ? "" : "s") shown on the pages" : ""))
            } else {
                let report = outcome.checked.report
                await state.failed(report.diagnostics)
                log(DiagnosticFormat.text.render(report) + "The last good site is still served.")
            }
        } catch {
            await state.failed([Self.diagnostic(for: error, paths: paths)])
            log("aimsbook: \(error) (the last good site is still served)")
        }
    }

    /// A rebuild that could not run, as a diagnostic at its real cause: the theme file, the
    /// output folder, the content folder, or the settings.
    static func diagnostic(for error: Error, paths: HandbookPaths) -> Diagnostic {
        switch error {
        case let error as ThemeError:
            return .error(
                "theme-error", error.message,
                at: SourceLocation(file: error.file, line: error.line ?? 1, column: error.column ?? 1))
        case let error as SiteWriteError:
            return .error("write-failed", error.description, at: .file(paths.displayPath(paths.output)))
        case let error as HandbookLoadError:
            let settings = error.description.contains(paths.settings.path)
            return .error(
                "load-failed", error.description,
                at: .file(settings ? "aimsbook.yml" : paths.displayPath(paths.content)))
        default:
            return .error("build-failed", "\(error)", at: .file("aimsbook.yml"))
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// Where watching starts: the folders' change notices, and the files as they are before
    /// the first build. Taken after it, an edit saved while it ran (a second, on thousands of
    /// documents) would count as built, and never be.
    struct WatchStart: Sendable {
        var folders: FolderWatch?
        var seen: [String: SourceStamps.Stamp]
    }

    func startWatching() -> WatchStart {
        WatchStart(folders: FolderWatch(paths), seen: fingerprint())
    }

    func watch(from start: WatchStart, every interval: Duration) async throws {
        if let folders = start.folders {
            try await watch(folders, seen: start.seen)
            return
        }
        var seen = start.seen
        while !Task.isCancelled {
            try await Task.sleep(for: interval)
            var current = fingerprint()
            guard current != seen else { continue }
            // Wait for an editor's save (often several writes) to settle.
            repeat {
                seen = current
                try await Task.sleep(for: .milliseconds(250))
                current = fingerprint()
            } while current != seen
            await rebuild(after: current)
        }
    }

    /// How long the folders stay quiet before a rebuild, in milliseconds.
    static let quiet: Int32 = 20

    /// Rebuilds when inotify reports a change and the watched files differ: once the folders
    /// have been quiet for a moment (an editor's save is often several writes), not a poll
    /// interval later. After notices naming files, only those files are looked at again; every
    /// few seconds all of them are compared anyway, in case a notice was lost.
    func watch(_ folders: FolderWatch, seen: [String: SourceStamps.Stamp]) async throws {
        let waiting = DispatchQueue(label: "aimsbook.serve.watch")
        // The wait blocks a thread: on a queue of its own, not on the pool the server runs on.
        func changeNoticed(within milliseconds: Int32) async -> Bool {
            await withCheckedContinuation { continuation in
                waiting.async { continuation.resume(returning: folders.waitForChange(milliseconds: milliseconds)) }
            }
        }
        var seen = seen
        while !Task.isCancelled {
            let noticed = await changeNoticed(within: 3000)
            if noticed {
                // One save's writes come within about 15 ms of each other (vim, sed -i and a plain
                // rewrite, timed with inotifywait): 20 ms of quiet ends it. A save slower than
                // that is built twice, the second build catching up with the first.
                while await changeNoticed(within: Self.quiet) {}
            }
            if noticed, let touched = folders.takeTouched() {
                let update = SourceStamps.updating(seen, touched: touched, in: paths)
                guard !update.changed.isEmpty else { continue }
                seen = update.stamps
            } else {
                let current = fingerprint()
                guard current != seen else { continue }
                seen = current
            }
            await rebuild(after: seen)
        }
    }

    /// Rebuilds for files whose stamps the watcher has just taken, handing them to the loader.
    private func rebuild(after stamps: [String: SourceStamps.Stamp]) async {
        log("Change seen; rebuilding…")
        session.offer(stamps: stamps)
        await rebuild()
    }

    /// Path, size and modification time of every watched file.
    func fingerprint() -> [String: SourceStamps.Stamp] { SourceStamps.of(paths) }
}
