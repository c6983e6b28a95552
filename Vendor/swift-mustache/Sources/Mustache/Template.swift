//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Class holding Mustache template
public struct MustacheTemplate: Sendable, CustomStringConvertible {
    /// Initialize template
    /// - Parameter string: Template text
    /// - Throws: MustacheTemplate.Error
    public init(string: String) throws {
        let template = try Self.parse(string)
        self.tokens = template.tokens
        self.texts = template.texts
        self.text = string
        self.filename = nil
    }

    /// Render object using this template
    /// - Parameters
    ///   - object: Object to render
    ///   - library: library template uses to access partials
    /// - Returns: Rendered text
    public func render(_ object: Any, library: MustacheLibrary? = nil) -> String {
        self.render(context: .init(object, library: library))
    }

    /// aimsbook (PATCHES.md): renders as `render(_:library:)` does, and returns the text as
    /// UTF-8 bytes, for a caller that writes them out: making a `String` of them would check
    /// every byte again.
    public func renderUTF8(_ object: Any, library: MustacheLibrary? = nil, capacity: Int = 1024) -> [UInt8] {
        self.renderUTF8(context: .init(object, library: library), capacity: capacity)
    }

    /// Render object using this template
    /// - Parameters
    ///   - object: Object to render
    ///   - library: library template uses to access partials
    ///   - reload: Should I reload this template when rendering. This is only available in debug builds
    /// - Returns: Rendered text
    public func render(_ object: Any, library: MustacheLibrary? = nil, reload: Bool) -> String {
        #if DEBUG
        if reload {
            guard let filename else {
                preconditionFailure("Can only use reload if template was generated from a file")
            }
            do {
                guard let template = try MustacheTemplate(filename: filename) else { return "Cannot find template at \(filename)" }
                return template.render(context: .init(object, library: library, reloadPartials: reload))
            } catch {
                return "\(error)"
            }
        }
        #endif
        return self.render(context: .init(object, library: library))
    }

    internal init(_ tokens: [Token], text: String) {
        self.tokens = tokens
        self.texts = TextSpans(tokens)
        self.filename = nil
        self.text = text
    }

    public var description: String { self.text }

    enum Token: Sendable /* , CustomStringConvertible */ {
        case text(String)
        // aimsbook (PATCHES.md): a name and its transforms, or a section's, are one object, so
        // that reading a token retains one reference instead of each of its strings and arrays.
        case variable(Lookup)
        case unescapedVariable(Lookup)
        case section(Section)
        case invertedSection(Section)
        case blockDefinition(name: String, template: MustacheTemplate)
        case blockExpansion(name: String, default: MustacheTemplate, indentation: String?)
        case partial(String, indentation: String?, inherits: [String: MustacheTemplate]?)
        case dynamicNamePartial(String, indentation: String?, inherits: [String: MustacheTemplate]?)
        // aimsbook (PATCHES.md): boxed, so that `Token` has no existential payload and a switch
        // over a token reads it in place instead of copying it whole.
        case contentType(ContentTypeBox)
    }

    /// aimsbook (PATCHES.md): what a variable or section looks up, its name's shape worked out
    /// once when the template is parsed.
    final class Lookup: Sendable {
        let name: String
        let transforms: [String]
        let shape: _NameShape
        let key: MustacheKey
        /// A dotted name's parts.
        let parts: [MustacheKey]

        init(name: String, transforms: [String]) {
            self.name = name
            self.transforms = transforms
            self.shape = _NameShape(name)
            self.key = MustacheKey(name)
            self.parts = shape.parts(of: name)
        }
    }

    /// aimsbook (PATCHES.md): a section's lookup and the template inside it.
    final class Section: Sendable {
        let lookup: Lookup
        let template: MustacheTemplate

        init(name: String, transforms: [String], template: MustacheTemplate) {
            self.lookup = Lookup(name: name, transforms: transforms)
            self.template = template
        }
    }

    /// aimsbook (PATCHES.md): the UTF-8 of a template's text tokens in one buffer, and where
    /// each token's text is in it (`start` -1 for other tokens). Most tokens are text; reading
    /// one out of the `Token` enum copied and destroyed the whole enum (about 40 instructions
    /// and a retain and release), where copying from here touches no reference count.
    final class TextSpans: Sendable {
        let bytes: [UInt8]
        let spans: [(start: Int, count: Int)]

        init(_ tokens: [Token]) {
            var bytes: [UInt8] = []
            var spans: [(start: Int, count: Int)] = []
            spans.reserveCapacity(tokens.count)
            for token in tokens {
                if case .text(let text) = token {
                    spans.append((bytes.count, text.utf8.count))
                    bytes.append(contentsOf: text.utf8)
                } else {
                    spans.append((-1, 0))
                }
            }
            self.bytes = bytes
            self.spans = spans
        }
    }

    final class ContentTypeBox: Sendable {
        let contentType: MustacheContentType
        init(_ contentType: MustacheContentType) { self.contentType = contentType }
    }

    let tokens: [Token]
    /// aimsbook (PATCHES.md): the text tokens' bytes, for `render` to copy without reading the token.
    let texts: TextSpans
    let text: String
    let filename: String?
}

// aimsbook (PATCHES.md): the token cases as upstream spelled them, for the parser and tests.
extension MustacheTemplate.Token {
    static func variable(name: String, transforms: [String] = []) -> Self {
        .variable(.init(name: name, transforms: transforms))
    }

    static func unescapedVariable(name: String, transforms: [String] = []) -> Self {
        .unescapedVariable(.init(name: name, transforms: transforms))
    }

    static func section(name: String, transforms: [String] = [], template: MustacheTemplate) -> Self {
        .section(.init(name: name, transforms: transforms, template: template))
    }

    static func invertedSection(name: String, transforms: [String] = [], template: MustacheTemplate) -> Self {
        .invertedSection(.init(name: name, transforms: transforms, template: template))
    }
}

extension MustacheTemplate.Token {
    /// aimsbook (PATCHES.md): the token of a content-type pragma, boxed.
    static func contentType(_ contentType: MustacheContentType) -> Self { .contentType(.init(contentType)) }
}
