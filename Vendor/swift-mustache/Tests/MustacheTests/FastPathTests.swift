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
}
