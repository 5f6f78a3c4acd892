import Authorizer
import Environment
import Findings
import Foundation
import RampartTestSupport
import Reports
import XCTest

/// Issue 24, item 8: `report.md` cannot be injected through a Sid, an ARN, a condition on a tag,
/// a file name or an explanation holding CR (CommonMark, "Line endings": a line ends at LF, CR
/// or CRLF, so a CR can start a heading or an HTML block before a code span closes), ESC, `|`,
/// backticks or HTML; and command output escapes control characters.
final class MarkdownInjectionTests: XCTestCase {
    private static let marker = "INJECTED"

    private func hostileReport() -> ScanReport {
        let m = Self.marker
        let sid = "Sid\r# \(m) heading\r<script>alert(1)</script>"
        let statement = GrantingStatement(file: "accounts/111122223333/s3/evil\r<iframe src=x>\(m)</iframe>.get-bucket-policy.json",
                                          documentPath: "$.Policy", statementIndex: 0, sid: sid, line: 2,
                                          text: "{\"Sid\": \"\(sid)\"}\r```\r<h1>\(m) in a fence</h1>")
        let resource = "arn:aws:s3:::b\r<img src=x onerror=alert(1)>\(m)"
        let finding = ScanFinding(id: "rf-000000000000000000000001", resource: resource, resourceType: "AWS::S3::Bucket", account: "111122223333",
                                  principal: "*\r- \(m) list item", principalKind: .everyone, actions: ["s3:GetObject"],
                                  conditions: ["StringEquals aws:ResourceTag/team: v\u{1B}[31m | `` ` `` |\r\r<div>\(m) block</div>"], isPublic: true,
                                  witness: Request(principal: .anonymous, action: "s3:GetObject", resource: resource),
                                  statements: [statement], source: .policy, firstSeen: "2025-01-31T02:00:00Z", lastSeen: "2025-01-31T02:00:00Z")
        let outcomes = [
            ResourceOutcome(arn: resource, type: "AWS::S3::Bucket", account: "111122223333", status: .unproven,
                            explanation: ["because\r## \(m) heading 2", "line\n> \(m) quote"], complete: false, findingIDs: [finding.id],
                            files: [statement.file], reused: false),
            ResourceOutcome(arn: "arn:aws:s3:::safe\r| \(m) | cell |", type: "AWS::S3::Bucket", account: "111122223333", status: .noExternalAccess,
                            explanation: ["only | the owner\r<b>\(m)</b>"], complete: true, findingIDs: [], files: [], reused: false),
        ]
        let diagnostic = SnapshotDiagnostic(.error, "MALFORMED_JSON", "unexpected\r<script>\(m)</script>", file: statement.file,
                                            jsonPath: "$.Policy\r# \(m)", line: 3, column: 4, resource: resource)
        return ScanReport(modelName: "model\r<b>\(m)</b>", modelPath: "Models/x", toolVersion: "0.1.0", zoneMode: .account,
                          generatedAt: "2025-01-31T02:00:00Z", hasPrevious: true, findings: [finding], outcomes: outcomes,
                          diagnostics: [diagnostic], organizationID: nil, accounts: ["111122223333"], analyses: 1, seconds: 1)
    }

    func testMarkdownHoldsNoControlCharacters() {
        let markdown = MarkdownReport.render(hostileReport())
        XCTAssertFalse(markdown.unicodeScalars.contains { $0 == "\r" || $0 == "\u{1B}" || ($0.value < 0x20 && $0 != "\n") })
        XCTAssertTrue(markdown.contains("\\u000D"), "CR is shown, escaped")
        XCTAssertTrue(markdown.contains("\\u001B"), "ESC is shown, escaped")
        // Every line that shows the marker shows it inside a code span or a fence.
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            guard line.contains(Self.marker), !inFence else { continue }
            XCTAssertTrue(line.contains("`"), "outside code: \(line)")
        }
    }

    /// Renders the report with markdown-it-py (CommonMark, raw HTML enabled) and checks that no
    /// element came from the input: the marker occurs only inside `<code>`, and the only tags
    /// are those the report writes (links only to AWS documentation, the remediation's).
    func testCommonMarkRendererShowsNoInjectedElement() throws {
        let probe = try ProgramRunner.run("/usr/bin/env", ["python3", "-c", "import markdown_it"])
        guard probe.status == 0 else {
            throw XCTSkip("markdown-it-py is not installed (scripts/test.sh installs it from scripts/python-tools.txt)")
        }
        let folder = try ScanRunner.temporaryDirectory()
        let file = folder.appendingPathComponent("report.md")
        try Data(MarkdownReport.render(hostileReport()).utf8).write(to: file)
        let script = #"""
            import sys
            from html.parser import HTMLParser
            from markdown_it import MarkdownIt
            html = MarkdownIt("commonmark").enable("table").render(open(sys.argv[1], encoding="utf-8", newline="").read())
            allowed = {"h1", "h2", "h3", "p", "ul", "li", "code", "pre", "strong", "table", "thead", "tbody", "tr", "th", "td", "br"}
            class Walk(HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True)
                    self.code = 0
                    self.problems = []
                def handle_starttag(self, tag, attrs):
                    # The report's own links: each finding's remediation links its AWS page.
                    if tag == "a" and dict(attrs).get("href", "").startswith("https://docs.aws.amazon.com/"): return
                    if tag not in allowed: self.problems.append("element <%s>" % tag)
                    if tag in ("code", "pre"): self.code += 1
                def handle_endtag(self, tag):
                    if tag in ("code", "pre"): self.code -= 1
                def handle_data(self, data):
                    if "INJECTED" in data and self.code == 0: self.problems.append("marker outside code: %r" % data)
            walk = Walk()
            walk.feed(html)
            print("\n".join(walk.problems))
            sys.exit(1 if walk.problems else 0)
            """#
        let scriptFile = folder.appendingPathComponent("check.py")
        try Data(script.utf8).write(to: scriptFile)
        let result = try ProgramRunner.run("/usr/bin/env", ["python3", scriptFile.path, file.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testCommandOutputEscapesControlCharacters() throws {
        let folder = try ScanRunner.temporaryDirectory()
        let policy = folder.appendingPathComponent("policy.json")
        try Data(#"{"Version":"2012-10-17","Statement":[{"Sid":"A\u001b[2J\rB","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}]}"#.utf8).write(to: policy)
        let result = try ScanRunner.rampart(["check", "--policy", policy.path, "--resource-type", "AWS::S3::Bucket",
                                             "--resource-arn", "arn:aws:s3:::demo", "--zone-account", "111122223333", "--timeout-ms", "120000"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertFalse(result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" }, result.stdout)
        XCTAssertTrue(result.stdout.contains(#"A\u001B[2J\u000DB"#), result.stdout)
    }
}
