@testable import Reports
import XCTest

/// `MarkdownReport.inline` read back as CommonMark reads a code span (CommonMark 0.31.2, §6.1
/// "Code spans"): a backtick string opens the span and the next backtick string of the same
/// length closes it; one leading and one trailing space are stripped when both are there and
/// the content is not only spaces. The span must hold the whole text (control characters as
/// their JSON escapes, pipes escaped for tables), whatever the text holds, on the fast path
/// (plain text) and the general one alike.
final class MarkdownInlineTests: XCTestCase {
    /// The content CommonMark gives the span `markdown`, or nil when it is not one whole span.
    private func spanContent(_ markdown: String) -> String? {
        let scalars = Array(markdown.unicodeScalars)
        let fence = scalars.prefix { $0 == "`" }.count
        guard fence > 0, scalars.count >= 2 * fence, scalars.suffix(fence).allSatisfy({ $0 == "`" }) else { return nil }
        let inner = Array(scalars[fence..<(scalars.count - fence)])
        // No backtick string of the fence's length inside: the span would close early.
        var run = 0
        for scalar in inner + [" "] {
            if scalar == "`" { run += 1 } else { if run == fence { return nil }; run = 0 }
        }
        var content = String(String.UnicodeScalarView(inner))
        if content.count >= 2, content.hasPrefix(" "), content.hasSuffix(" "), content.contains(where: { $0 != " " }) {
            content = String(content.dropFirst().dropLast())
        }
        return content
    }

    /// (The empty text gives two backticks, which CommonMark shows as they are: no span, and
    /// nothing from the input; not checked here.)
    func testTheSpanHoldsTheWholeTextWhateverItHolds() {
        let texts = ["arn:aws:s3:::bucket", " ", "  lead", "trail ", "`", "a`b", "``x``", "a|b", "x\r\ny", "esc\u{1B}[31m", "c1\u{85}end",
                     "ünïcödé ✓", "`edge", "edge`", "a ``` b", "| `` |"]
        for text in texts {
            let span = MarkdownReport.inline(text)
            XCTAssertFalse(span.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "no control character: \(text.debugDescription)")
            let content = spanContent(span)
            let expected = ControlCharacters.escaped(text).replacingOccurrences(of: "|", with: "\\|")
            if text.allSatisfy({ $0 == " " }) {
                XCTAssertEqual(content?.trimmingCharacters(in: .whitespaces), "", text.debugDescription)
            } else {
                XCTAssertEqual(content, expected, "\(text.debugDescription) as \(span.debugDescription)")
            }
        }
    }
}
