//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Protocol for object that has a custom method for accessing their children, instead
/// of using Mirror
public protocol MustacheParent {
    func child(named: String) -> Any?
}

/// Extend dictionary where the key is a string so that it uses the key values to access
/// it values
/// aimsbook (PATCHES.md): a key a template name can be looked up by, so that dictionaries keyed by
/// `MustacheKey` are parents as those keyed by `String` are (upstream: `where Key == String`).
public protocol MustacheNameKey: Hashable {
    init(mustacheName: String)
}

extension String: MustacheNameKey {
    public init(mustacheName: String) { self = mustacheName }
}

extension MustacheKey: MustacheNameKey {
    public init(mustacheName: String) { self.init(mustacheName) }
}

extension Dictionary: MustacheParent where Key: MustacheNameKey {
    public func child(named: String) -> Any? { self[Key(mustacheName: named)] }
}
