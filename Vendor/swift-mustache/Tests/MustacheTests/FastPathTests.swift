//
// aimsbook's patch (see PATCHES.md): the fast paths for `[String: Any]`, `String`, `Int` and
// `Bool` must render exactly what the general paths render.
//

import Mustache
import XCTest

final class FastPathTests: XCTestCase {
    func testPlainValuesRenderAsBefore() throws {
        let template = try MustacheTemplate(string: "{{text}}|{{{text}}}|{{number}}|{{flag}}|{{{flag}}}|{{off}}")
        let view: [String: Any] = ["text": "a<b", "number": 42, "flag": true, "off": false]
        XCTAssertEqual(template.render(view), "a&lt;b|a<b|42|true|true|false")
    }

    func testLookupClimbsTheStackThroughDictionaries() throws {
        let template = try MustacheTemplate(string: "{{#inner}}{{name}}-{{outer}}{{/inner}}")
        let view: [String: Any] = ["outer": "o", "inner": ["name": "n"] as [String: Any]]
        XCTAssertEqual(template.render(view), "n-o")
    }

    func testAMissingKeyIsNotTakenFromAnUnrelatedDictionary() throws {
        let template = try MustacheTemplate(string: "[{{#a}}{{missing}}{{/a}}]")
        XCTAssertEqual(template.render(["a": ["x": 1] as [String: Any]] as [String: Any]), "[]")
    }

    func testDottedNamesStillReachIntoDictionaries() throws {
        let template = try MustacheTemplate(string: "{{a.b.c}}|{{#a.b}}{{c}}{{/a.b}}")
        let view: [String: Any] = ["a": ["b": ["c": "deep"] as [String: Any]] as [String: Any]]
        XCTAssertEqual(template.render(view), "deep|deep")
    }

    func testDictionaryAndBooleanSections() throws {
        let template = try MustacheTemplate(
            string: "{{#d}}in {{v}}{{/d}}{{^d}}no d{{/d}}|{{#t}}yes{{/t}}{{^t}}no{{/t}}|{{#f}}yes{{/f}}{{^f}}no{{/f}}")
        let view: [String: Any] = ["d": ["v": 1] as [String: Any], "t": true, "f": false]
        XCTAssertEqual(template.render(view), "in 1|yes|no")
    }

    func testTheTypedStackFindsKeysThroughViewsAndOtherObjects() throws {
        struct Person { let name: String; let role: String }
        // A view, a struct read through its mirror, a view: each level answers what it has, an
        // inner one first, and a dotted name starts at the first level that has its first part.
        let template = try MustacheTemplate(
            string: "{{#people}}{{#extra}}{{name}}/{{role}}/{{site}}/{{owner.name}}{{/extra}};{{/people}}")
        let view: [MustacheKey: Any] = [
            "site": "S", "owner": ["name": "outer owner"] as [MustacheKey: Any],
            "people": [Person(name: "Ann", role: "lead"), Person(name: "Bo", role: "aide")],
            "extra": ["role": "shadowed"] as [MustacheKey: Any],
        ]
        XCTAssertEqual(template.render(view), "Ann/shadowed/S/outer owner;Bo/shadowed/S/outer owner;")
    }

    func testAnObjectRenderedOverABaseWinsWhereBothHaveAKey() throws {
        let library = try MustacheLibrary(templates: ["page": MustacheTemplate(string: "{{title}}|{{site}}|{{#list}}{{site}}{{/list}}")])
        let base: [MustacheKey: Any] = ["title": "from the layout", "site": "S"]
        let view: [MustacheKey: Any] = ["title": "from the page", "list": [["x": 1] as [MustacheKey: Any]]]
        let bytes = try library.renderUTF8Checked(view, over: base, withTemplate: "page")
        XCTAssertEqual(bytes.map { String(decoding: $0, as: UTF8.self) }, "from the page|S|S")
    }

    func testOtherTypesKeepTheGeneralPath() throws {
        struct Custom: MustacheCustomRenderable {
            var renderText: String { "custom" }
            var isNull: Bool { false }
        }
        let template = try MustacheTemplate(string: "{{c}}|{{#list}}{{.}}{{/list}}|{{#s}}{{.}}{{/s}}|{{d}}")
        let view: [String: Any] = ["c": Custom(), "list": [1, 2], "s": ["x"] as [String], "d": 1.5]
        XCTAssertEqual(template.render(view), "custom|12|x|1.5")
    }

    func testIndentedPartialsSkipOnlyEmptyOutput() throws {
        let library = try MustacheLibrary(templates: [
            "outer": MustacheTemplate(string: "  {{>inner}}\n"),
            "inner": MustacheTemplate(string: "{{a}}\n{{b}}\n"),
        ])
        XCTAssertEqual(library.render(["a": "1", "b": ""] as [String: Any], withTemplate: "outer"), "  1\n  \n")
    }

    func testEscapedAndUnescapedVariablesInTheOneBuffer() throws {
        let template = try MustacheTemplate(string: "{{a}}|{{b}}|{{{a}}}|{{a.b.c}}|{{.a}}")
        let view: [String: Any] = ["a": "<p class=\"x\">Tom & Jerry's</p>", "b": "é 😀 plain"]
        XCTAssertEqual(
            template.render(view),
            "&lt;p class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/p&gt;|é 😀 plain|<p class=\"x\">Tom & Jerry's</p>||"
                + "&lt;p class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/p&gt;")
    }

    func testDottedNamesSplitLikeUpstream() throws {
        let template = try MustacheTemplate(string: "{{a..b.c}}|{{a.b.c.}}|{{#a.b}}{{c}}{{/a.b}}|{{a.x.c}}")
        let view: [String: Any] = ["a": ["b": ["c": "deep"] as [String: Any]] as [String: Any]]
        XCTAssertEqual(template.render(view), "deep|deep|deep|")
    }

    func testArraysOfViewsKeepTheirPositionInNestedSections() throws {
        let template = try MustacheTemplate(
            string: "{{#rows}}{{name}}:{{#cells}}{{.}}{{^last()}},{{/last()}}{{/cells}}{{^last()}};{{/last()}}{{/rows}}"
        )
        let view: [String: Any] = [
            "rows": [
                ["name": "a", "cells": [1, 2] as [Any]],
                ["name": "b", "cells": [3] as [Any]],
            ] as [[String: Any]]
        ]
        XCTAssertEqual(template.render(view), "a:1,2;b:3")
    }

    func testInvertedSectionsOnEmptyAndFullArrays() throws {
        let template = try MustacheTemplate(
            string: "{{^none}}none{{/none}}|{{^some}}some{{/some}}|{{^empty}}empty{{/empty}}")
        let view: [String: Any] = [
            "none": [] as [[String: Any]], "some": [["x": 1]] as [[String: Any]], "empty": [] as [Any],
        ]
        XCTAssertEqual(template.render(view), "none||empty")
    }

    func testAContentTypeEndsWithItsTemplate() throws {
        let library = try MustacheLibrary(templates: [
            "outer": MustacheTemplate(string: "{{>inner}}{{v}}|{{#d}}{{% CONTENT_TYPE:TEXT}}{{v}}{{/d}}{{v}}"),
            "inner": MustacheTemplate(string: "{{% CONTENT_TYPE:TEXT}}{{v}}|"),
        ])
        let view: [String: Any] = ["v": "<", "d": ["x": 1] as [String: Any]]
        XCTAssertEqual(library.render(view, withTemplate: "outer"), "<|&lt;|<&lt;")
    }

    func testInheritanceAndPartialsInsideSections() throws {
        let library = try MustacheLibrary(templates: [
            "page": MustacheTemplate(string: "{{<frame}}{{$body}}{{#items}}{{>item}}{{/items}}{{/body}}{{/frame}}"),
            "frame": MustacheTemplate(string: "[{{title}}:{{$body}}default{{/body}}]"),
            "item": MustacheTemplate(string: "({{name}} of {{title}})"),
        ])
        let view: [String: Any] = ["title": "T", "items": [["name": "a"], ["name": "b"]] as [[String: Any]]]
        XCTAssertEqual(library.render(view, withTemplate: "page"), "[T:(a of T)(b of T)]")
    }

    // `MustacheKey` views (PATCHES.md): they render exactly as the same views keyed by `String`.

    func testKeyedViewsRenderAsStringKeyedViews() throws {
        let template = try MustacheTemplate(
            string:
                "{{title}}|{{#items}}{{name}}-{{title}}{{^last}},{{/last}}{{/items}}|{{a.b}}|{{#a}}{{.b}}{{/a}}|{{#none}}x{{/none}}{{^none}}empty{{/none}}|{{#d}}{{v}}{{/d}}|{{^d}}no{{/d}}"
        )
        let keyed: [MustacheKey: Any] = [
            "title": "T<",
            "items": [["name": "a", "last": false], ["name": "b", "last": true]] as [[MustacheKey: Any]],
            "a": ["b": 7] as [MustacheKey: Any], "none": [] as [[MustacheKey: Any]],
            "d": ["v": true] as [MustacheKey: Any],
        ]
        let plain: [String: Any] = [
            "title": "T<", "items": [["name": "a", "last": false], ["name": "b", "last": true]] as [[String: Any]],
            "a": ["b": 7] as [String: Any], "none": [] as [[String: Any]], "d": ["v": true] as [String: Any],
        ]
        XCTAssertEqual(template.render(keyed), "T&lt;|a-T&lt;,b-T&lt;|7|7|empty|true|")
        XCTAssertEqual(template.render(keyed), template.render(plain))
    }

    func testKeyedDictionariesOfOtherValuesAreParentsToo() throws {
        let template = try MustacheTemplate(string: "{{#m}}{{x}}{{/m}}")
        XCTAssertEqual(template.render(["m": ["x": "s"] as [MustacheKey: String]] as [MustacheKey: Any]), "s")
    }

    func testKeysAreEqualByNameAndHashAlike() {
        let made = MustacheKey("section" + "Title")
        XCTAssertEqual(made, "sectionTitle")
        XCTAssertNotEqual(made, "sectionTitles")
        XCTAssertEqual(made.hashValue, MustacheKey("sectionTitle").hashValue)
        // Thousands of keys in one dictionary, inserted and found again.
        var dictionary: [MustacheKey: Int] = [:]
        for index in 0..<5000 { dictionary[MustacheKey("key\(index)")] = index }
        XCTAssertEqual(dictionary.count, 5000)
        var found = 0
        for index in 0..<5000 where dictionary[MustacheKey("key\(index)")] == index { found += 1 }
        XCTAssertEqual(found, 5000)
        XCTAssertNil(dictionary["key5000"])
    }

    func testValuesWrappedInAnExistentialTwiceRenderAsThemselves() throws {
        // Generic code wraps an `Any` in another `Any`; `type(of:)` sees the value inside both.
        func wrapped<T>(_ value: T) -> Any { value }
        let template = try MustacheTemplate(string: "{{n}}|{{s}}|{{#b}}yes{{/b}}|{{#d}}{{v}}{{/d}}|{{#a}}{{.}}{{/a}}")
        let view: [MustacheKey: Any] = [
            "n": wrapped(3 as Any), "s": wrapped("x<" as Any), "b": wrapped(true as Any),
            "d": wrapped(["v": "in"] as [MustacheKey: Any] as Any), "a": wrapped([1, 2] as [Any] as Any),
        ]
        XCTAssertEqual(template.render(view), "3|x&lt;|yes|in|12")
    }

    func testTheParserScansCharactersAsBefore() throws {
        // Windows line endings around standalone tags, names with every allowed punctuation
        // mark, and a brace that a combining mark makes another character.
        let template = try MustacheTemplate(
            string: "{{#a-b.c_d?}}\r\nx{{e}}\r\n{{/a-b.c_d?}}\r\n{\u{301}{e}}|{{> missing/partial }}")
        let view: [MustacheKey: Any] = ["a-b": ["c_d?": true] as [MustacheKey: Any], "e": "E"]
        XCTAssertEqual(template.render(view), "xE\r\n{\u{301}{e}}|")
    }

    func testIndentationFollowsALineFeedButNotAWindowsLineEnd() throws {
        // Upstream tested the last `Character` of a partial's output, and "\r\n" is one
        // character that is not "\n"; the byte buffer keeps that.
        let library = try MustacheLibrary(templates: [
            "outer": MustacheTemplate(string: "  {{>inner}}\n"),
            "unix": MustacheTemplate(string: "  {{>lf}}\n"),
            "inner": MustacheTemplate(string: "{{a}}\r\n{{b}}\r\n"),
            "lf": MustacheTemplate(string: "{{a}}\n{{b}}\n"),
        ])
        let view: [String: Any] = ["a": "1", "b": "2"]
        XCTAssertEqual(library.render(view, withTemplate: "outer"), "  1\r\n2\r\n")
        XCTAssertEqual(library.render(view, withTemplate: "unix"), "  1\n  2\n")
    }

    func testBytesAreTheUTF8OfTheRenderedString() throws {
        // Pieces longer than the buffer's first capacity, characters of two to four bytes, and a
        // combining mark that joins the character before it across two pieces.
        let library = try MustacheLibrary(templates: [
            "page": MustacheTemplate(string: "é{{#items}}<li>{{.}}</li>{{/items}}e{{{tail}}}|{{>part}}"),
            "part": MustacheTemplate(string: "{{long}}"),
        ])
        let view: [String: Any] = [
            "items": ["a & b", "😀", "€"], "tail": "\u{301}", "long": String(repeating: "x\u{00e9}", count: 3_000),
        ]
        let text = try XCTUnwrap(library.render(view, withTemplate: "page"))
        XCTAssertEqual(library.renderUTF8(view, withTemplate: "page"), Array(text.utf8))
        XCTAssertTrue(text.hasPrefix("é<li>a &amp; b</li><li>😀</li><li>€</li>e\u{301}|xé"))
        XCTAssertEqual(text.utf8.count, 2 + 18 + 13 + 12 + 1 + 2 + 1 + 3_000 * 3)
        XCTAssertNil(library.renderUTF8(view, withTemplate: "missing"))
    }
}
