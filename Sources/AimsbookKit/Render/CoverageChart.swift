/// Horizontal stacked bars (covered / drafts only / missing) as inline SVG: no script, no
/// style attribute (so the Content-Security-Policy holds), sizes as SVG attributes, colours
/// from the stylesheet's classes, and every number also written as text beside its bar.
enum CoverageChart {
    struct Bar {
        var label: String
        var href: String
        var covered: Int
        var draftOnly: Int
        var missing: Int
        var total: Int { covered + draftOnly + missing }
    }

    static func svg(id: String, title: String, bars: [Bar]) -> String {
        let rowHeight = 30
        let labelWidth = 360
        let barWidth = 320
        let width = labelWidth + barWidth + 120
        let height = rowHeight * bars.count + 4
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"group\" aria-labelledby=\"\(id)-title\">"
        let summary = bars.map {
            "\($0.label): \($0.covered) of \($0.total) covered, \($0.draftOnly) drafts only, \($0.missing) missing"
        }
        .joined(separator: "; ")
        svg += "<title id=\"\(id)-title\">\(HTML.escape(title + ". " + summary))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            svg += "<a href=\"\(HTML.escape(bar.href))\">"
            svg += "<text class=\"chart-label\" x=\"0\" y=\"\(y + 15)\">\(HTML.escape(shortened(bar.label)))</text></a>"
            var x = labelWidth
            let total = max(1, bar.total)
            for (count, kind) in [(bar.covered, "covered"), (bar.draftOnly, "draft"), (bar.missing, "missing")]
            where count > 0 {
                let w = max(2, barWidth * count / total)
                svg +=
                    "<rect class=\"chart-\(kind)\" x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"20\" rx=\"2\"></rect>"
                x += w
            }
            svg +=
                "<text class=\"chart-value\" x=\"\(labelWidth + barWidth + 10)\" y=\"\(y + 15)\">\(bar.covered)/\(bar.total) covered</text>"
        }
        return svg + "</svg>"
    }

    /// Labels longer than the label column are cut with an ellipsis (the title says it all).
    static func shortened(_ label: String, limit: Int = 44) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }
}
