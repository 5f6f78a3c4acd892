import Policy
import XCTest

/// Parses `text` as a policy of `type` and returns its diagnostics' codes.
func codes(_ text: String, type: PolicyType? = nil) -> [DiagnosticCode] {
    PolicyParser.parse(text: text, source: "test.json", type: type).diagnostics.map(\.code)
}

/// The diagnostics with a given code.
func diagnostics(_ text: String, type: PolicyType? = nil, code: DiagnosticCode) -> [Diagnostic] {
    PolicyParser.parse(text: text, source: "test.json", type: type).diagnostics.filter { $0.code == code }
}

/// A one-statement policy around a statement body.
func policy(_ statement: String, version: String = #""Version": "2012-10-17","#) -> String {
    "{\(version) \"Statement\": [\(statement)]}"
}
