import Analysis
import Authorizer
import Findings
import Foundation
import RampartTestSupport
import Reports
import XCTest

/// `report.html` opened in a real browser (headless chromium, `HeadlessChromium`): the page's
/// script runs without an error or a console message, its table holds the findings of the
/// same scan's `findings.json` in the documented order, each filter narrows it to the findings
/// its documented meaning selects (derived here from `findings.json`, not from the page), pages
/// hold 200 findings, and hostile strings from a policy show as text (docs/REPORTS.md, "report.html").
final class HTMLReportBrowserTests: XCTestCase {
    // MARK: Whole scans

    func testTableHoldsTheScansFindingsInReportOrderAndGroupedByResource() throws {
        let browser = try HeadlessChromium.locate()
        let scan = try ScannedModel(model: ProgramRunner.packageRoot.appendingPathComponent("Models/edge-cases"))
        XCTAssertGreaterThan(scan.findings.count, 5, "the edge-cases model has findings of every kind")

        let flat = try browser.open(scan.report, fragment: "group=0&size=1000")
        assertHealthy(flat)
        XCTAssertEqual(flat.findingRowIDs, scan.findings.map(\.id), "ungrouped, the table lists findings.json's findings in its order")
        XCTAssertEqual(flat.tableAttribute("matching"), String(scan.findings.count))
        XCTAssertEqual(flat.groupRowCount, 0)

        // Grouped (the default): each resource's findings together, resources in the order of
        // their first finding; one group row per resource.
        let grouped = try browser.open(scan.report)
        assertHealthy(grouped)
        XCTAssertEqual(grouped.findingRowIDs, Self.groupedByResource(scan.findings).map(\.id))
        XCTAssertEqual(grouped.groupRowCount, Set(scan.findings.map(\.resource)).count)
        XCTAssertEqual(grouped.detailRowCount, 0, "rows start collapsed")

        // Sorted by principal (ascending; ties keep the report order).
        let sorted = try browser.open(scan.report, fragment: "group=0&size=1000&sort=principal")
        assertHealthy(sorted)
        let byPrincipal = scan.findings.enumerated().sorted { ($0.element.principal, $0.offset) < ($1.element.principal, $1.offset) }.map(\.element.id)
        XCTAssertEqual(sorted.findingRowIDs, byPrincipal)
    }

    func testEachFilterNarrowsTheTableToWhatItSelects() throws {
        let browser = try HeadlessChromium.locate()
        let scan = try ScannedModel(model: ProgramRunner.packageRoot.appendingPathComponent("Models/edge-cases"))
        let findings = scan.findings
        let commonType = try XCTUnwrap(Self.mostCommon(findings.map(\.resourceType)))
        let someSid = try XCTUnwrap(findings.flatMap(\.sids).first { sid in
            let matching = findings.filter { $0.searchText.contains(sid.lowercased()) }.count
            return matching > 0 && matching < findings.count
        }, "a Sid that some findings' statements carry and others do not")
        let cases: [(fragment: String, expected: [ExpectedFinding])] = [
            ("public=yes", findings.filter(\.isPublic)),
            ("public=no", findings.filter { !$0.isPublic }),
            ("type=\(HeadlessChromium.fragmentValue(commonType))", findings.filter { $0.resourceType == commonType }),
            ("kind=Account", findings.filter { $0.principalKind == "Account" }),
            ("severity=HIGH", findings.filter { $0.severity == "HIGH" }),
            ("kind=Service&public=no", findings.filter { $0.principalKind == "Service" && !$0.isPublic }),
            // Free text: any of the documented fields, case-insensitively; here a statement's Sid.
            ("q=\(HeadlessChromium.fragmentValue(someSid.uppercased()))", findings.filter { $0.searchText.contains(someSid.lowercased()) }),
        ]
        for (fragment, expected) in cases {
            XCTAssertTrue(!expected.isEmpty && expected.count < findings.count, "\(fragment) selects \(expected.count) of \(findings.count): choose a filter that narrows")
            let page = try browser.open(scan.report, fragment: "group=0&size=1000&" + fragment)
            assertHealthy(page, fragment)
            XCTAssertEqual(page.findingRowIDs, expected.map(\.id), fragment)
            XCTAssertEqual(page.tableAttribute("matching"), String(expected.count), fragment)
        }
        // The account filter, on the organization model (several accounts).
        let organization = try ScannedModel(model: ProgramRunner.packageRoot.appendingPathComponent("Models/organization"), zone: "organization")
        let account = try XCTUnwrap(Self.mostCommon(organization.findings.map(\.account)))
        let expected = organization.findings.filter { $0.account == account }
        XCTAssertTrue(expected.count < organization.findings.count, "the organization model has findings in several accounts")
        let page = try browser.open(organization.report, fragment: "group=0&size=1000&account=\(account)")
        assertHealthy(page)
        XCTAssertEqual(page.findingRowIDs, expected.map(\.id))
    }

    /// A bucket policy whose Sid and condition value are markup and script: the raw file keeps
    /// them inside the JSON data (no `</script>` can end it), the page shows them as text in
    /// the expanded details, and nothing runs.
    func testHostileStringsFromAPolicyShowAsText() throws {
        let browser = try HeadlessChromium.locate()
        let sid = #"</script><img src=x onerror="document.title='pwned'">"#
        let value = "<!--<script>document.title='pwned2'</script>\u{2028}&amp;"
        let model = try Self.hostileModel(sid: sid, conditionValue: value)
        let scan = try ScannedModel(model: model)
        XCTAssertEqual(scan.findings.count, 1, "the hostile statement grants one outside account")

        let raw = try String(contentsOf: scan.report, encoding: .utf8)
        XCTAssertEqual(raw.components(separatedBy: "<script").count - 1, 2, "the page's own two script elements, no other")
        XCTAssertEqual(raw.components(separatedBy: "</script").count - 1, 2)
        XCTAssertFalse(raw.contains("<img"), "no input became markup in the file")
        XCTAssertFalse(raw.contains("<!--"))
        XCTAssertFalse(raw.contains("\u{2028}"), "U+2028 is written as an escape")

        let page = try browser.open(scan.report, fragment: "expand=all")
        assertHealthy(page)
        XCTAssertEqual(page.findingRowIDs, scan.findings.map(\.id))
        XCTAssertEqual(page.detailRowCount, 1)
        XCTAssertFalse(page.dom.contains("<img"), "no element was made from the Sid")
        XCTAssertTrue(page.dom.contains("<title>Rampart scan: hostile</title>"), "no script from the input changed the title")
        XCTAssertTrue(page.dom.contains("(" + Self.serializedText(sid) + ")"), "the Sid shows as text in the statement's label")
        XCTAssertTrue(page.dom.contains(Self.serializedText(value)), "the condition value shows as text")
        XCTAssertTrue(page.dom.contains("<a href=\"https://docs.aws.amazon.com/"), "the details show the remediation's link")
        XCTAssertTrue(page.dom.contains("Witness"), "the details show the witness")
    }

    // MARK: A report built by hand: paging

    /// 405 findings on 9 resources, 45 each: pages of 200 (the default), the last page holds the
    /// rest, one group row per resource on a page, and a page that starts inside a resource's
    /// findings repeats its group row, marked "continued".
    func testPagesHoldTwoHundredFindingsAndRepeatTheirGroupRow() throws {
        let browser = try HeadlessChromium.locate()
        let report = Self.report(resources: 9, findingsPerResource: 45)
        let folder = try ProgramRunner.temporaryDirectory(prefix: "rampart-html-paging")
        let file = folder.appendingPathComponent("report.html")
        try Data(HTMLReport.render(report).utf8).write(to: file)
        let ordered = Self.groupedByResource(report.findings.map { ExpectedFinding(id: $0.id, resource: $0.resource) })
        XCTAssertEqual(ordered.count, 405)

        for (page, range) in [(1, 0..<200), (2, 200..<400), (3, 400..<405)] {
            let shown = try browser.open(file, fragment: page == 1 ? "" : "page=\(page)")
            assertHealthy(shown, "page \(page)")
            let slice = Array(ordered[range])
            XCTAssertEqual(shown.findingRowIDs, slice.map(\.id), "page \(page)")
            XCTAssertEqual(shown.tableAttribute("page"), String(page))
            XCTAssertEqual(shown.tableAttribute("pages"), "3")
            // One group row per run of one resource's findings on the page.
            let runs = slice.indices.filter { $0 == 0 || slice[$0].resource != slice[$0 - 1].resource }.count
            XCTAssertEqual(shown.groupRowCount, runs, "page \(page)")
            let continues = range.lowerBound > 0 && ordered[range.lowerBound - 1].resource == slice.first?.resource
            XCTAssertEqual(shown.dom.contains("findings (continued)"), continues, "page \(page)")
        }
    }

    // MARK: Helpers

    private func assertHealthy(_ page: HeadlessChromium.RenderedPage, _ context: String = "", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(page.rootAttribute("ready"), "true", "the script reached the end of its start-up \(context)\n\(page.stderr.suffix(1500))", file: file, line: line)
        XCTAssertNil(page.rootAttribute("script-errors"), "script errors \(context)", file: file, line: line)
        XCTAssertEqual(page.consoleMessages, [], "console messages \(context)", file: file, line: line)
    }

    /// Text as `--dump-dom` serializes a text node: `&`, `<`, `>` escaped (HTML's serialization algorithm).
    static func serializedText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func groupedByResource(_ findings: [ExpectedFinding]) -> [ExpectedFinding] {
        var order: [String] = []
        var groups: [String: [ExpectedFinding]] = [:]
        for finding in findings {
            if groups[finding.resource] == nil { order.append(finding.resource) }
            groups[finding.resource, default: []].append(finding)
        }
        return order.flatMap { groups[$0] ?? [] }
    }

    static func mostCommon(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// One account with one bucket whose policy grants an outside account, under a Sid and a
    /// condition value that are markup.
    static func hostileModel(sid: String, conditionValue: String) throws -> URL {
        let model = try ProgramRunner.temporaryDirectory(prefix: "rampart-hostile-model")
        let account = model.appendingPathComponent("accounts/111122223333")
        try FileManager.default.createDirectory(at: account.appendingPathComponent("s3"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: account.appendingPathComponent("iam"), withIntermediateDirectories: true)
        try Data(#"{"name": "hostile"}"#.utf8).write(to: model.appendingPathComponent("model.json"))
        try Data(#"{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}"#.utf8)
            .write(to: account.appendingPathComponent("iam/get-account-authorization-details.json"))
        let statement: [String: Any] = [
            "Sid": sid, "Effect": "Allow", "Principal": ["AWS": "arn:aws:iam::444455556666:root"], "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::hostile-bucket/*", "Condition": ["StringEquals": ["aws:UserAgent": conditionValue]],
        ]
        let policy = try JSONSerialization.data(withJSONObject: ["Version": "2012-10-17", "Statement": [statement]], options: [.sortedKeys])
        let file = try JSONSerialization.data(withJSONObject: ["Policy": String(decoding: policy, as: UTF8.self)], options: [.prettyPrinted])
        try file.write(to: account.appendingPathComponent("s3/hostile-bucket.get-bucket-policy.json"))
        return model
    }

    /// A report of `resources × findingsPerResource` cross-account findings (no scan).
    static func report(resources: Int, findingsPerResource: Int) -> ScanReport {
        var findings: [ScanFinding] = []
        for resource in 0..<resources {
            let arn = "arn:aws:sqs:us-east-1:111122223333:queue-\(resource)"
            for principal in 0..<findingsPerResource {
                let account = String(format: "5000000%05d", principal)
                findings.append(ScanFinding(
                    id: String(format: "rf-%012d%012d", resource, principal), resource: arn, resourceType: "AWS::SQS::Queue", account: "111122223333",
                    principal: account, principalKind: .account, actions: ["sqs:SendMessage"], conditions: [], isPublic: false,
                    witness: Request(principal: .accountRoot(account), action: "sqs:SendMessage", resource: arn),
                    statements: [GrantingStatement(file: "accounts/111122223333/sqs/us-east-1/queue-\(resource).get-queue-attributes.json",
                                                   documentPath: "$.Attributes.Policy", statementIndex: 0, sid: "Partners", line: 2,
                                                   text: #"{"Sid": "Partners", "Effect": "Allow"}"#)],
                    source: .policy, firstSeen: "2025-01-31T02:00:00Z", lastSeen: "2025-01-31T02:00:00Z"))
            }
        }
        return ScanReport(modelName: "paging", modelPath: "Models/paging", toolVersion: "0.1.0", zoneMode: .account, generatedAt: "2025-01-31T02:00:00Z",
                          hasPrevious: false, findings: findings, outcomes: [], diagnostics: [], organizationID: nil,
                          accounts: ["111122223333"], analyses: resources, seconds: 1)
    }
}
