//
// aimsbook (PATCHES.md): the context stack, its view dictionaries kept typed.
//

/// The objects a render has pushed, innermost last. Beside each object, the object itself as a
/// `[MustacheKey: Any]` when that is its exact type (nearly every object a view model pushes),
/// found once when it is pushed: a name is looked up in each object from the top until one has
/// it, and finding the dictionary in an `Any` on every lookup was a dynamic cast each time.
struct ContextStack {
    private(set) var objects: [Any]
    /// `objects[i]` as a view dictionary, or nil when it is another kind of object.
    private(set) var views: [[MustacheKey: Any]?]

    init(_ object: Any) {
        objects = [object]
        views = [Self.view(object)]
    }

    var last: Any? { objects.last }

    mutating func append(_ object: Any) {
        objects.append(object)
        views.append(Self.view(object))
    }

    mutating func removeLast() {
        objects.removeLast()
        views.removeLast()
    }

    private static func view(_ object: Any) -> [MustacheKey: Any]? {
        exactType(of: object) == [MustacheKey: Any].self ? exactly(object, as: [MustacheKey: Any].self) : nil
    }
}
