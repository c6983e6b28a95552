import AimsbookKit
print(StandardModel.iso42001.controls.count)
let doc = MarkdownParser.parse("# Hello *world*\n\nSee [x](POL-001) and [[A.6.2.4|ctl]] here ééé [[RISK-1]].\n\n<div>raw</div>\n\n| a | b |\n|---|---|\n| [l](foo.md#x) | 2 |\n", firstLine: 10, file: "content/x.md")
print(doc.headings, doc.links, doc.rawHTML)
print(doc.html)
