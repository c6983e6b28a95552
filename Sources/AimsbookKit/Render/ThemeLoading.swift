import Dispatch
import Synchronization

/// The theme, parsed on another thread while the handbook is checked. Parsing it needs only the
/// template files, and it was the one long step between the model and the pages, on one core;
/// the model's own serial steps leave a core idle that it can use instead.
final class ThemeLoading: Sendable {
    let overrides: [String: String]
    private let done = DispatchGroup()
    /// Set once before `done.leave()`, read after `done.wait()`.
    private let result = Mutex<Result<Theme, Error>?>(nil)

    init(overrides: [String: String]) {
        self.overrides = overrides
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let loaded = Result { try Theme.load(overrides: overrides) }
            result.withLock { $0 = loaded }
            done.leave()
        }
    }

    /// The theme, waiting for it if it is still being parsed; its error if it does not parse.
    func theme() throws -> Theme {
        done.wait()
        return try result.withLock { $0 }!.get()
    }
}
