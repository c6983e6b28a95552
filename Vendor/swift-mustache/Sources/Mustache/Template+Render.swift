//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

import Foundation

extension MustacheTemplate {
    /// Render template using object
    /// - Parameters:
    ///   - stack: Object
    ///   - context: Context that render is occurring in. Contains information about position in sequence
    ///   - indentation: indentation of partial
    /// - Returns: Rendered text
    func render(context: MustacheContext) -> String {
        let output = MustacheOutput()
        var context = context
        self.render(context: &context, into: output)
        return output.string
    }

    /// aimsbook (PATCHES.md): as `render(context:)`, failing when a partial nested too deep.
    func renderChecked(context: MustacheContext) throws -> String {
        let output = MustacheOutput()
        var context = context
        self.render(context: &context, into: output)
        if let partial = context.tooDeep { throw MustacheRenderError(partial: partial) }
        return output.string
    }

    /// aimsbook (PATCHES.md): as `renderUTF8(context:capacity:)`, failing when a partial nested
    /// too deep.
    func renderUTF8Checked(context: MustacheContext, capacity: Int) throws -> [UInt8] {
        let output = MustacheOutput(capacity: capacity)
        var context = context
        self.render(context: &context, into: output)
        if let partial = context.tooDeep { throw MustacheRenderError(partial: partial) }
        return output.bytes
    }

    /// aimsbook (PATCHES.md): the rendered text as UTF-8 bytes, never made into a `String`.
    /// `capacity`: the bytes expected, so that a large page is not copied as its buffer grows.
    func renderUTF8(context: MustacheContext, capacity: Int = 1024) -> [UInt8] {
        let output = MustacheOutput(capacity: capacity)
        var context = context
        self.render(context: &context, into: output)
        return output.bytes
    }

    /// aimsbook (PATCHES.md): renders into one buffer with one context that sections, partials and
    /// blocks change and put back, instead of a string and a context (its stack copied) per
    /// token, section and partial. What a template changes (a content-type pragma) ends with it.
    func render(context: inout MustacheContext, into output: MustacheOutput) {
        let contentType = context.contentType
        if let indentation = context.indentation, indentation != "" {
            // The indentation goes after each newline of this template's own output.
            let string = MustacheOutput()
            let rendered = MustacheOutput()
            for index in tokens.indices {
                rendered.removeAll()
                tokens.withUnsafeBufferPointer { tokens in
                    self.renderToken(tokens.baseAddress! + index, context: &context, into: rendered)
                }
                // if rendered string is not empty and we are on a new line
                // aimsbook (PATCHES.md): isEmpty, not a count of every character; the last
                // character is "\n" (not "\r\n"), tested on the bytes.
                if !rendered.isEmpty, string.endsWithNewlineCharacter {
                    string.append(indentation)
                }
                string.append(rendered)
            }
            output.append(string)
        } else {
            // aimsbook (PATCHES.md): text tokens are copied from `texts`, without reading the token.
            texts.bytes.withUnsafeBufferPointer { bytes in
                texts.spans.withUnsafeBufferPointer { spans in
                    tokens.withUnsafeBufferPointer { tokens in
                        for index in tokens.indices {
                            let span = spans[index]
                            if span.start >= 0 {
                                output.append(UnsafeBufferPointer(rebasing: bytes[span.start..<(span.start + span.count)]))
                            } else {
                                self.renderToken(tokens.baseAddress! + index, context: &context, into: output)
                            }
                        }
                    }
                }
            }
        }
        context.contentType = contentType
    }

    /// aimsbook (PATCHES.md): the token is read in place, not copied.
    func renderToken(_ token: UnsafePointer<Token>, context: inout MustacheContext, into output: MustacheOutput) {
        switch token.pointee {
        case .text(let text):
            output.append(text)

        case .variable(let lookup):
            if let child = getChild(lookup, context: context) {
                // aimsbook (PATCHES.md): strings, numbers and booleans without casts.
                if let text = _plainText(child) {
                    _appendEscaped(text, context: context, into: output)
                } else if let template = child as? MustacheTemplate {
                    template.render(context: &context, into: output)
                } else if let renderable = child as? MustacheCustomRenderable {
                    _appendEscaped(renderable.renderText, context: context, into: output)
                } else if let lambda = child as? MustacheLambda {
                    output.append(self.renderLambda(lambda, parameter: "", context: context))
                } else {
                    _appendEscaped(String(describing: unwrapIfAnyContainsOptional(child)), context: context, into: output)
                }
            }

        case .unescapedVariable(let lookup):
            if let child = getChild(lookup, context: context) {
                // aimsbook (PATCHES.md): strings, numbers and booleans without casts.
                if let text = _plainText(child) {
                    output.append(text)
                } else if let renderable = child as? MustacheCustomRenderable {
                    output.append(renderable.renderText)
                } else if let lambda = child as? MustacheLambda {
                    output.append(self.renderUnescapedLambda(lambda, parameter: "", context: context))
                } else {
                    output.append(String(describing: unwrapIfAnyContainsOptional(child)))
                }
            }

        case .section(let section):
            let child = self.getChild(section.lookup, context: context)
            // aimsbook (PATCHES.md): plain values are no lambda.
            if let child, !_isPlainValue(child), let lambda = child as? MustacheLambda {
                output.append(self.renderUnescapedLambda(lambda, parameter: section.template.text, context: context))
                return
            }
            // aimsbook (PATCHES.md): the section's template is read in place, not copied (a copy
            // retained its arrays, which every thread rendering the template shares).
            self.renderSection(child, with: section.template, context: &context, into: output)

        case .invertedSection(let section):
            let child = self.getChild(section.lookup, context: context)
            self.renderInvertedSection(child, with: section.template, context: &context, into: output)

        case .blockExpansion(let name, let defaultTemplate, let indented):
            let scope = context.scope
            context.enterBlockExpansion(indented: indented)
            if let override = scope.inherited?[name] {
                override.render(context: &context, into: output)
            } else {
                defaultTemplate.render(context: &context, into: output)
            }
            context.restore(scope)

        case .partial(let name, let indentation, let overrides):
            if var template = context.library?.getTemplate(named: name) {
                #if DEBUG
                if context.reloadPartials {
                    guard let filename = template.filename else {
                        preconditionFailure("Can only use reload if template was generated from a file")
                    }
                    do {
                        guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                            output.append("Cannot find template at \(filename)")
                            return
                        }
                        template = partialTemplate
                    } catch {
                        output.append("\(error)")
                        return
                    }
                }
                #endif
                // aimsbook (PATCHES.md): a partial nested too deep stops the render, once.
                guard context.tooDeep == nil else { return }
                guard context.partialDepth < MustacheContext.maximumPartialDepth else {
                    context.tooDeep = name
                    return
                }
                let scope = context.scope
                context.enterPartial(indented: indentation, inheriting: overrides)
                context.partialDepth += 1
                template.render(context: &context, into: output)
                context.partialDepth -= 1
                context.restore(scope)
            }

        case .dynamicNamePartial(let name, let indentation, let overrides):
            let child = self.getChild(named: name, transforms: [], context: context)
            guard let childName = child as? String else {
                return
            }
            if var template = context.library?.getTemplate(named: childName) {
                #if DEBUG
                if context.reloadPartials {
                    guard let filename = template.filename else {
                        preconditionFailure("Can only use reload if template was generated from a file")
                    }
                    do {
                        guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                            output.append("Cannot find template at \(filename)")
                            return
                        }
                        template = partialTemplate
                    } catch {
                        output.append("\(error)")
                        return
                    }
                }
                #endif
                // aimsbook (PATCHES.md): a partial nested too deep stops the render, once.
                guard context.tooDeep == nil else { return }
                guard context.partialDepth < MustacheContext.maximumPartialDepth else {
                    context.tooDeep = childName
                    return
                }
                let scope = context.scope
                context.enterPartial(indented: indentation, inheriting: overrides)
                context.partialDepth += 1
                template.render(context: &context, into: output)
                context.partialDepth -= 1
                context.restore(scope)
            }

        case .contentType(let box):
            context.contentType = box.contentType

        case .blockDefinition:
            fatalError("Should not be rendering block definitions")
        }
    }

    private func _appendEscaped(_ text: String, context: MustacheContext, into output: MustacheOutput) {
        output.append(context.contentType.escapeText(text))
    }

    /// aimsbook (PATCHES.md): `context.withObject(object)` in place.
    func render(withObject object: Any, context: inout MustacheContext, into output: MustacheOutput) {
        let sequenceContext = context.sequenceContext
        context.stack.append(object)
        context.sequenceContext = nil
        self.render(context: &context, into: output)
        context.stack.removeLast()
        context.sequenceContext = sequenceContext
    }

    /// Render a section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    /// - Returns: Rendered text
    func renderSection(_ child: Any?, with template: MustacheTemplate, context: MustacheContext) -> String {
        let output = MustacheOutput()
        var context = context
        self.renderSection(child, with: template, context: &context, into: output)
        return output.string
    }

    func renderSection(
        _ child: Any?, with template: MustacheTemplate, context: inout MustacheContext, into output: MustacheOutput
    ) {
        // aimsbook (PATCHES.md): booleans, view dictionaries and arrays of them without casts.
        if let child {
            let type = exactType(of: child)
            if type == Bool.self {
                if exactly(child, as: Bool.self) { template.render(context: &context, into: output) }
                return
            }
            if type == [MustacheKey: Any].self || type == [String: Any].self {
                template.render(withObject: child, context: &context, into: output)
                return
            }
            if type == [[MustacheKey: Any]].self {
                exactly(child, as: [[MustacheKey: Any]].self).renderSection(with: template, context: &context, into: output)
                return
            }
            if type == [[String: Any]].self {
                exactly(child, as: [[String: Any]].self).renderSection(with: template, context: &context, into: output)
                return
            }
            if type == [Any].self {
                exactly(child, as: [Any].self).renderSection(with: template, context: &context, into: output)
                return
            }
        }
        switch child {
        case let array as any MustacheSequence:
            array.renderSection(with: template, context: &context, into: output)
        case let bool as Bool:
            if bool { template.render(context: &context, into: output) }
        case let null as MustacheCustomRenderable where null.isNull == true:
            return
        case .some(let value):
            template.render(withObject: value, context: &context, into: output)
        case .none:
            return
        }
    }

    /// Render an inverted section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    /// - Returns: Rendered text
    func renderInvertedSection(
        _ child: Any?, with template: MustacheTemplate, context: inout MustacheContext, into output: MustacheOutput
    ) {
        // aimsbook (PATCHES.md): booleans, view dictionaries and arrays of them without casts.
        if let child {
            let type = exactType(of: child)
            if type == Bool.self {
                if !exactly(child, as: Bool.self) { template.render(context: &context, into: output) }
                return
            }
            if type == [MustacheKey: Any].self || type == [String: Any].self { return }
            if type == [[MustacheKey: Any]].self {
                exactly(child, as: [[MustacheKey: Any]].self).renderInvertedSection(with: template, context: &context, into: output)
                return
            }
            if type == [[String: Any]].self {
                exactly(child, as: [[String: Any]].self).renderInvertedSection(with: template, context: &context, into: output)
                return
            }
            if type == [Any].self {
                exactly(child, as: [Any].self).renderInvertedSection(with: template, context: &context, into: output)
                return
            }
        }
        switch child {
        case let array as any MustacheSequence:
            array.renderInvertedSection(with: template, context: &context, into: output)
        case let bool as Bool:
            if !bool { template.render(context: &context, into: output) }
        case let null as MustacheCustomRenderable where null.isNull == true:
            template.render(context: &context, into: output)
        case .some:
            return
        case .none:
            template.render(context: &context, into: output)
        }
    }

    func renderLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: context.contentType.escapeText(string))
                    return self.renderSection(context.stack.last, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return context.contentType.escapeText(String(describing: unwrapIfAnyContainsOptional(result)))
            }
        }
    }

    func renderUnescapedLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: string)
                    return self.renderSection(context.stack.last, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return String(describing: unwrapIfAnyContainsOptional(result))
            }
        }
    }

    /// Get child object from variable name
    func getChild(named name: String, transforms: [String], context: MustacheContext) -> Any? {
        getChild(Lookup(name: name, transforms: transforms), context: context)
    }

    /// aimsbook (PATCHES.md): a token's lookup: its name's keys and shape are worked out when the
    /// template is parsed.
    func getChild(_ lookup: Lookup, context: MustacheContext) -> Any? {
        let (key, parts, shape, transforms) = (lookup.key, lookup.parts, lookup.shape, lookup.transforms)
        func _getImmediateChild(_ key: MustacheKey, from object: Any) -> Any? {
            // aimsbook (PATCHES.md): a view dictionary is read without protocol casts, and one
            // keyed by `MustacheKey` without hashing the name.
            let type = exactType(of: object)
            if type == [MustacheKey: Any].self { return exactly(object, as: [MustacheKey: Any].self)[key] }
            if type == [String: Any].self { return exactly(object, as: [String: Any].self)[key.name] }
            let name = key.name
            let child = {
                let object: Any? =
                    if let custom = object as? MustacheCustomRepresentation {
                        custom.representation
                    } else {
                        object
                    }
                if let customBox = object as? MustacheParent {
                    return customBox.child(named: name)
                } else if let object {
                    let mirror = Mirror(reflecting: object)
                    return mirror.getValue(forKey: name)
                } else {
                    return nil
                }
            }()
            return child
        }

        func _getChild(named names: ArraySlice<MustacheKey>, from object: Any) -> Any? {
            guard let name = names.first else { return object }
            var object = object
            // aimsbook (PATCHES.md): plain values are no lambda.
            if !_isPlainValue(object), let lambda = object as? MustacheLambda {
                guard let result = lambda("") else { return nil }
                object = result
            }
            guard let childObject = _getImmediateChild(name, from: object) else { return nil }
            let names2 = names.dropFirst()
            return _getChild(named: names2, from: childObject)
        }

        /// aimsbook (PATCHES.md): the first object up the stack that has `key`, view
        /// dictionaries read as the stack keeps them (`ContextStack.views`), without a cast.
        func _getChildInStack(_ key: MustacheKey, from stack: ContextStack) -> Any? {
            var index = stack.objects.endIndex
            while index != stack.objects.startIndex {
                index -= 1
                if let view = stack.views[index] {
                    if let found = view[key] { return found }
                } else if let found = _getImmediateChild(key, from: stack.objects[index]) {
                    return found
                }
            }
            return nil
        }

        func _getChildInStack(named names: ArraySlice<MustacheKey>, from stack: ContextStack) -> Any? {
            guard let name = names.first else { return stack.last }
            guard let childObject = _getChildInStack(name, from: stack) else { return nil }
            return _getChild(named: names.dropFirst(), from: childObject)
        }

        // work out which object to access. "." means the current object, if the variable name is ""
        // and we have a transform to run on the variable then we need the context object, otherwise
        // the name is split by "." and we use mirror to get the correct child object. If we cannot find
        // the root object we look up the context stack until we can find one with a matching name. The
        // stack climbing can be disabled by prefixing the variable name with a "."
        // aimsbook (PATCHES.md): the name is classified by its UTF-8 bytes (`_NameShape`), in one
        // pass over its storage when its template is parsed, not by its characters on each lookup.
        var child: Any?
        if shape == .currentObject {
            child = context.stack.last!
        } else if shape == .empty, !transforms.isEmpty {
            child = context.sequenceContext
        } else if shape == .leadingDot {
            child = _getChild(named: parts[...], from: context.stack.last!)
        } else if shape == .oneKey, transforms.isEmpty {
            // aimsbook (PATCHES.md): most names are one key without transforms; what is found is
            // returned as it is, without going through the optional `child` (each copy of an
            // `Any?` runs Optional's generic copy, about 100 instructions).
            guard let found = _getChildInStack(key, from: context.stack) else { return nil }
            if !_isPlainValue(found), let custom = found as? MustacheCustomRepresentation {
                return custom.representation
            }
            return found
        } else if shape == .oneKey || shape == .empty {
            // aimsbook (PATCHES.md): one key looked up without making an array of parts.
            child = _getChildInStack(key, from: context.stack)
        } else {
            child = _getChildInStack(named: parts[...], from: context.stack)
        }

        // aimsbook (PATCHES.md): plain values are no custom representation.
        if let found = child, !_isPlainValue(found), let custom = found as? MustacheCustomRepresentation {
            child = custom.representation
        }

        // skip transforms if child is already nil
        guard var child else {
            return nil
        }

        // if we want to run a transform and the current child can have transforms applied to it then
        // run transform on the current child
        for transform in transforms.reversed() {
            if let runnable = child as? MustacheTransformable,
                let transformed = runnable.transform(transform)
            {
                child = transformed
                continue
            }

            // return nil if transform is unsuccessful or has returned nil
            return nil
        }
        return child
    }

    /// aimsbook (PATCHES.md): fast paths for the values view models are made of. A cast to a protocol costs a
    /// conformance lookup (around 100 ns on Linux), a check of the exact type a pointer compare.
    /// Only types whose handling cannot differ are taken: a `[MustacheKey: Any]` or `[String: Any]`
    /// is a parent and nothing else, a `String`, `Int` or `Bool` renders as `String(describing:)`.
    private func _isPlainValue(_ value: Any) -> Bool {
        let type = exactType(of: value)
        return type == String.self || type == [MustacheKey: Any].self || type == Bool.self || type == Int.self
            || type == [Any].self || type == [[MustacheKey: Any]].self || type == [String: Any].self
            || type == [[String: Any]].self
    }

    private func _plainText(_ value: Any) -> String? {
        let type = exactType(of: value)
        if type == String.self { return exactly(value, as: String.self) }
        if type == Int.self { return String(exactly(value, as: Int.self)) }
        if type == Bool.self { return exactly(value, as: Bool.self) ? "true" : "false" }
        return nil
    }

    private func unwrapIfAnyContainsOptional(_ value: Any) -> Any {
        guard let opt = value as? AnyOptional else { return value }
        return opt.anyWrapped ?? value  // nil? keep the original Optional.none
    }
}

/// aimsbook (PATCHES.md): what a variable or section name is, read off its UTF-8 storage in one
/// pass (iterating `String.UTF8View` to find a `.` cost more than the dictionary lookup after it).
enum _NameShape: Equatable {
    /// `.`: the current object.
    case currentObject
    case empty
    /// `.a.b`: no climbing up the context stack.
    case leadingDot
    /// `a.b`
    case dotted
    /// `a`: one key, looked up up the stack.
    case oneKey

    /// The keys of a dotted name's parts (`a.b`, `.a.b`); none for other names.
    func parts(of name: String) -> [MustacheKey] {
        guard self == .dotted || self == .leadingDot else { return [] }
        return name.split(separator: ".").map { MustacheKey(String($0)) }
    }

    init(_ name: String) {
        let dot = UInt8(ascii: ".")
        func shape(_ bytes: UnsafeBufferPointer<UInt8>) -> _NameShape {
            guard let first = bytes.first else { return .empty }
            if first == dot { return bytes.count == 1 ? .currentObject : .leadingDot }
            return bytes.contains(dot) ? .dotted : .oneKey
        }
        self = name.utf8.withContiguousStorageIfAvailable(shape) ?? Array(name.utf8).withUnsafeBufferPointer(shape)
    }
}

/// aimsbook (PATCHES.md): the exact type of `value`, which the fast paths compare with the
/// types they handle (a pointer compare) before any cast to a protocol.
@inline(__always)
func exactType(of value: Any) -> Any.Type { type(of: value) }


/// aimsbook (PATCHES.md): `value` as the type the caller has found it to be exactly
/// (`exactType(of: value) == T.self`): the general cast, which cannot fail here.
@inline(__always)
func exactly<T>(_ value: Any, as type: T.Type) -> T { value as! T }
