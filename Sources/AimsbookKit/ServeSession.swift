/// What `serve` keeps from one build to the next in the same process, so a rebuild re-does only
/// what an edit changed: one memo per stage, each beside the stage whose invariants it keeps
/// (`LoadMemo`, `ModelMemo`, `RenderMemo`; the write stage's is `ServedSiteWriter`, which knows what it published). `build`,
/// `check` and the other one-shot commands run without a session, and so without any memo.
///
/// A value holding the memos (which have identity and their own locks): copies of one session
/// share its memos.
public struct ServeSession: Sendable {
    public let load = LoadMemo()
    public let model = ModelMemo()
    public let render = RenderMemo()

    public init() {}

    /// The stamps `serve`'s watcher has just taken of every file, for the next load.
    public func offer(stamps: [String: SourceStamps.Stamp]) { load.offer(stamps: stamps) }

    /// HTML pages the last render made rather than took from the previous build.
    public var renderedPages: Int { render.renderedPages }

    /// Pages of the last render that are the previous build's bytes.
    public var reusedPages: Set<String> { render.reusedPages }

    /// Ends the render stage once the site is written (`RenderMemo.finishRender`).
    public func finishRender() { render.finishRender() }
}
