//
// aimsbook (PATCHES.md): why a render stopped.
//

/// A render stopped: partials nested deeper than 100 levels, as a partial that includes itself
/// (directly or through others) does; `partial` is the one that would have gone deeper.
public struct MustacheRenderError: Error, CustomStringConvertible, Equatable {
    public let partial: String

    public var description: String {
        "the partial '\(partial)' is nested more than 100 levels deep: it includes itself, directly or through other partials"
    }
}
