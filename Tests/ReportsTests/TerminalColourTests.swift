import Reports
import XCTest

/// Colour on terminals only, never with NO_COLOR (https://no-color.org: "when present and not an
/// empty string") or TERM=dumb; whole words only, and nothing but colour added.
final class TerminalColourTests: XCTestCase {
    func testColourIsForTerminalsWithoutNoColour() {
        XCTAssertTrue(TerminalColour.enabled(isTerminal: true, environment: ["TERM": "xterm-256color"]))
        XCTAssertFalse(TerminalColour.enabled(isTerminal: false, environment: ["TERM": "xterm-256color"]))
        XCTAssertFalse(TerminalColour.enabled(isTerminal: true, environment: ["NO_COLOR": "1"]))
        XCTAssertTrue(TerminalColour.enabled(isTerminal: true, environment: ["NO_COLOR": ""]))
        XCTAssertFalse(TerminalColour.enabled(isTerminal: true, environment: ["TERM": "dumb"]))
    }

    func testOnlyWholeStatusWordsAreColoured() {
        let text = "status: EXTERNAL_ACCESS\nseverity: HIGH (8.0); HIGHER NO_EXTERNAL_ACCESSORY"
        let coloured = TerminalColour.highlight(text)
        XCTAssertTrue(coloured.contains("\u{1B}[1;31mEXTERNAL_ACCESS\u{1B}[0m"))
        XCTAssertTrue(coloured.contains("\u{1B}[31mHIGH\u{1B}[0m (8.0)"))
        XCTAssertTrue(coloured.contains(" HIGHER NO_EXTERNAL_ACCESSORY"))
        // Removing the escapes gives the text back.
        let plain = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        XCTAssertEqual(plain, text)
    }
}
