@testable import Analysis
@testable import Encoding
import Authorizer
import Policy
import XCTest

/// Sharing with an organizational unit through `aws:PrincipalOrgPaths` (issue 17: the AWS
/// pattern ended UNPROVEN at the 30 s bound). Expectations worked by hand from the IAM User Guide,
/// "AWS global condition context keys", aws:PrincipalOrgPaths (every entry is the caller's
/// account's path `o-…/r-…/ou-…/`, beginning with its own organization id; callers outside every
/// organization, anonymous ones among them, have no paths) and "Multivalued context keys"
/// (`ForAnyValue:` needs a value that matches, `ForAllValues:` holds for an absent key).
final class OrganizationPathTests: XCTestCase {
    private let object = "arn:aws:s3:::amzn-s3-demo-bucket/*"
    private let unit = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"
    private let tlsOnly = #"""
        {"Sid": "TLSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        """#

    private func orgRead(_ condition: String) -> String {
        #"{"Sid": "OrgRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(object)", "Condition": \#(condition)}"#
    }

    // The fills give a path AWS could send that the pattern matches, with its organization first.
    func testPatternsAreFilledWithWellFormedPaths() {
        XCTAssertEqual(OrganizationPathCandidate.path(matching: unit), "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/")
        XCTAssertEqual(OrganizationPathCandidate.path(matching: "o-a1b2c3d4e5/*"), "o-a1b2c3d4e5/r-abcd/")
        XCTAssertEqual(OrganizationPathCandidate.path(matching: "o-a1b2c3d4e5/*/ou-ab12-11111111/*"),
                       "o-a1b2c3d4e5/r-abcd/ou-ab12-11111111/")
        XCTAssertEqual(OrganizationPathCandidate.path(matching: "*/ou-ab12-11111111/*"),
                       "o-rampartwitness/r-abcd/ou-ab12-11111111/")
        XCTAssertEqual(OrganizationPathCandidate.path(matching: "o-a1b2c3d4e5/r-ab12/ou-ab12-1111111?/"),
                       "o-a1b2c3d4e5/r-ab12/ou-ab12-1111111a/")
        for pattern in [unit, "o-a1b2c3d4e5/*", "*/ou-ab12-11111111/*", "*"] {
            let path = OrganizationPathCandidate.path(matching: pattern)
            XCTAssertTrue(path.map { GlobPattern(pattern).matches($0) && OrganizationPathCandidate.isPath($0) } ?? false, pattern)
        }
        // No path has an upper-case organization id, or a root of 3 characters.
        XCTAssertNil(OrganizationPathCandidate.path(matching: "O-A1B2C3D4E5/*"))
        XCTAssertNil(OrganizationPathCandidate.path(matching: "o-a1b2c3d4e5/r-ab1/"))
    }

    // The issue's policy: a principal of any outside account in the OU may GetObject over TLS.
    // Anonymous callers have no org paths, so the finding's caller has an account ("any
    // account", label `*`); S3's meaning of public (`PublicStatementRule`) still calls the
    // statement public, since `aws:PrincipalOrgPaths` is not among its restricting keys and the
    // value has a wildcard.
    func testOrganizationalUnitShareIsExternalAccessOfAnyAccount() throws {
        for statements in [tlsOnly + orgRead(#"{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "\#(unit)"}}"#),
                           orgRead(#"{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "\#(unit)"}}"#)] {
            let result = analyze(.s3Bucket, arn: bucket, statements: statements)
            XCTAssertEqual(result.status, .externalAccess)
            XCTAssertEqual(result.findings.map(\.principal), ["*"])
            let finding = try XCTUnwrap(result.findings.first)
            XCTAssertEqual(finding.actions, ["s3:GetObject"])
            XCTAssertTrue(finding.isPublic)
            XCTAssertNotNil(finding.witness.principal.account)
            XCTAssertFalse(ourZone.contains(account: finding.witness.principal.account ?? ourAccount))
            XCTAssertEqual(finding.witness.principal.orgID, "o-a1b2c3d4e5")
            XCTAssertTrue(finding.witness.principal.orgPaths.allSatisfy { OrganizationIdentifiers.isPath($0, in: "o-a1b2c3d4e5") })
            XCTAssertEqual(finding.conditions.count, 1)
        }
    }

    // `StringLike` on `aws:PrincipalOrgID` with a fixed id: the same callers' class, and not public
    // (a restricting key with a fixed value).
    func testOrganizationIDShareIsExternalAccessNotPublic() {
        let result = analyze(.s3Bucket, arn: bucket, statements: tlsOnly + orgRead(#"{"StringLike": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#))
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.map(\.principal), ["*"])
        XCTAssertEqual(result.findings.map(\.isPublic), [false])
    }

    // `ForAllValues:` holds for an absent key: anonymous callers (no paths) may read. Public.
    func testForAllValuesAdmitsAnonymousCallers() throws {
        let result = analyze(.s3Bucket, arn: bucket,
                             statements: tlsOnly + orgRead(#"{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "\#(unit)"}}"#))
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.map(\.principal), ["*"])
        XCTAssertEqual(result.findings.map(\.isPublic), [true])
    }

    // Zone = the organization o-a1b2c3d4e5: every path a caller carries begins with its own
    // organization id (docs/ENCODING.md), so only members of the zone's organization match the
    // OU's paths: no external access. With `ForAllValues:` anonymous callers still may.
    func testOrganizationZoneContainsTheUnit() {
        let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount])
        for statements in [tlsOnly + orgRead(#"{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "\#(unit)"}}"#),
                           orgRead(#"{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "\#(unit)"}}"#)] {
            XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: statements, zone: zone).status, .noExternalAccess)
        }
        let forAll = analyze(.s3Bucket, arn: bucket, statements: tlsOnly + orgRead(#"{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "\#(unit)"}}"#),
                             zone: zone)
        XCTAssertEqual(forAll.status, .externalAccess)
        XCTAssertEqual(forAll.findings.map(\.isPublic), [true])
    }

    // The same zone, the solver alone (no screen, no candidates): the proof needs the caller's
    // organization from the entry's first segment, which `OrganizationPathLemma` states (before
    // it, this question was `unknown` at 30 s).
    func testOrganizationZoneProofOfTheSolverAlone() {
        let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount])
        var resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount,
                                        policy: policy(document(tlsOnly + orgRead(#"{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "\#(unit)"}}"#))))
        resource.account = ourAccount
        let solved = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: .solverOnly(timeoutMilliseconds: 120_000))
        XCTAssertEqual(solved.status, .noExternalAccess)
    }

    // The organizations a value fixes: its literal first segment; none when a wildcard or a
    // variable comes before the first `/`, or the operator is not a case-sensitive string one.
    func testLemmaOrganizations() {
        XCTAssertEqual(OrganizationPathLemma.organizations(fixedBy: [unit, "o-b/r-x/"], operator: .stringLike), ["o-a1b2c3d4e5", "o-b"])
        XCTAssertEqual(OrganizationPathLemma.organizations(fixedBy: ["o-a*/r-x/"], operator: .stringEquals), ["o-a*"])
        XCTAssertNil(OrganizationPathLemma.organizations(fixedBy: ["o-a*/r-x/"], operator: .stringLike))
        XCTAssertNil(OrganizationPathLemma.organizations(fixedBy: [unit, "*/ou-ab12-11111111/*"], operator: .stringLike))
        XCTAssertNil(OrganizationPathLemma.organizations(fixedBy: ["${aws:PrincipalOrgID}/*"], operator: .stringLike))
        XCTAssertNil(OrganizationPathLemma.organizations(fixedBy: ["o-a1b2c3d4e5"], operator: .stringLike))
        XCTAssertNil(OrganizationPathLemma.organizations(fixedBy: [unit], operator: .stringEqualsIgnoreCase))
    }
}
