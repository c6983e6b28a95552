//
// aimsbook's patch (see PATCHES.md): a partial that includes itself stops the render with an
// error naming it, instead of recursing until the stack overflows.
//

import Mustache
import XCTest

final class PartialDepthTests: XCTestCase {
    func testAPartialThatIncludesItselfThrowsNamingIt() throws {
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: "a{{>loop}}{{>loop}}"), named: "loop")
        library.register(try MustacheTemplate(string: "<{{>loop}}>"), named: "page")
        XCTAssertThrowsError(try library.renderChecked([:] as [String: Any], withTemplate: "page")) { error in
            XCTAssertEqual((error as? MustacheRenderError)?.partial, "loop")
        }
        XCTAssertThrowsError(try library.renderUTF8Checked([:] as [String: Any], withTemplate: "loop"))
        XCTAssertNil(try library.renderChecked([:] as [String: Any], withTemplate: "missing"))
    }

    func testRecursionThatEndsRendersAsBefore() throws {
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: "{{name}}{{#children}}({{>node}}){{/children}}"), named: "node")
        let leaf: [String: Any] = ["name": "c", "children": [[String: Any]]()]
        let view: [String: Any] = ["name": "a", "children": [["name": "b", "children": [leaf]] as [String: Any]]]
        XCTAssertEqual(try library.renderChecked(view, withTemplate: "node"), "a(b(c))")
        XCTAssertEqual(library.render(view, withTemplate: "node"), "a(b(c))")
    }
}
