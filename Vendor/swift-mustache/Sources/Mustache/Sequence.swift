//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// Protocol for objects that can be rendered as a sequence in Mustache
public protocol MustacheSequence: Sequence {}

extension MustacheSequence {
    /// Render section using template
    func renderSection(with template: MustacheTemplate, context: MustacheContext) -> String {
        let output = MustacheOutput()
        var context = context
        self.renderSection(with: template, context: &context, into: output)
        return output.string
    }

    /// aimsbook (PATCHES.md): each element pushed on the one context and popped, not a copy of
    /// the context's stack per element.
    func renderSection(with template: MustacheTemplate, context: inout MustacheContext, into output: MustacheOutput) {
        var sequenceContext = MustacheSequenceContext(first: true)

        var iterator = makeIterator()
        guard var currentObject = iterator.next() else { return }
        let outer = context.sequenceContext

        while let object = iterator.next() {
            context.stack.append(currentObject)
            context.sequenceContext = sequenceContext
            template.render(context: &context, into: output)
            context.stack.removeLast()
            currentObject = object
            sequenceContext.first = false
            sequenceContext.index += 1
        }

        sequenceContext.last = true
        context.stack.append(currentObject)
        context.sequenceContext = sequenceContext
        template.render(context: &context, into: output)
        context.stack.removeLast()
        context.sequenceContext = outer
    }

    /// Render inverted section using template
    func renderInvertedSection(with template: MustacheTemplate, context: inout MustacheContext, into output: MustacheOutput) {
        var iterator = makeIterator()
        if iterator.next() == nil {
            template.render(withObject: self, context: &context, into: output)
        }
    }
}

extension Array: MustacheSequence {}
extension Set: MustacheSequence {}
extension ReversedCollection: MustacheSequence {}
