import Analysis
import Authorizer
import Environment
import Policy
import XCTest

/// KMS grants as external access (issue 22 item 3), each expectation worked by hand from AWS KMS's
/// pages: "Grants in AWS KMS" (a grant allows its grantee its operations on one key; the grantee
/// may be in another account), `GrantConstraints` (encryption-context constraints bind only the
/// operations that take an encryption context, "not ... DescribeKey or RetireGrant"), "Retiring
/// and revoking grants" (a retiring principal may retire the grant).
final class KMSGrantFindingsTests: XCTestCase {
    private let key = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    /// AWS KMS Developer Guide, "Default key policy": the account may use the key through IAM
    /// policies; nothing outside the account is granted by it.
    private let defaultKeyPolicy = #"{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}"#

    private func analyzeKey(_ grants: [KMSGrant], zone: ZoneOfTrust = ourZone) -> ExternalAccessResult {
        analyze(.kmsKey, arn: key, statements: defaultKeyPolicy, zone: zone) { $0.kmsGrants = grants }
    }

    private func summary(_ result: ExternalAccessResult) -> [String] {
        result.findings.map { "\($0.principal) \($0.principalKind) \($0.actions.joined(separator: ",")) [\($0.conditions.joined(separator: "; "))] \($0.source)" }.sorted()
    }

    /// "Examining grants" (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html):
    /// an EBS grant to a session of the key's own account, retirable by account 123456789012. The
    /// grantee is inside the zone; the retiring principal is not, and may only retire the grant.
    func testTheDocumentedGrantGivesItsOutsideRetiringPrincipalRetireGrantOnly() {
        let grant = KMSGrant(grantID: "dc716f53", granteePrincipals: ["arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-5d476fab"],
                             retiringPrincipals: ["arn:aws:iam::123456789012:root"], operations: ["Decrypt"],
                             encryptionContextSubset: ["aws:ebs:id": "vol-5cccfb4e"], issuingAccount: "arn:aws:iam::111122223333:root")
        let result = analyzeKey([grant])
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(summary(result), ["arn:aws:iam::123456789012:root Account kms:RetireGrant [] KMS_GRANT"])
        XCTAssertFalse(result.isPublic)
    }

    /// A grant to a role of another account: its cryptographic operations under the constraint,
    /// DescribeKey without it (constraints do not bind it).
    func testAnOutsideGranteeGetsTheGrantOperationsWithTheConstraintsOnTheOperationsTheyBind() {
        let grant = KMSGrant(grantID: "g1", granteePrincipals: ["arn:aws:iam::444455556666:role/reader"],
                             operations: ["Decrypt", "GenerateDataKey", "DescribeKey"], encryptionContextSubset: ["Department": "IT"])
        let result = analyzeKey([grant])
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(summary(result), [
            "arn:aws:iam::444455556666:role/reader Account kms:Decrypt,kms:GenerateDataKey [EncryptionContextSubset Department: IT] KMS_GRANT",
            "arn:aws:iam::444455556666:role/reader Account kms:DescribeKey [] KMS_GRANT",
        ])
    }

    func testAGrantWithoutConstraintsIsOneFindingAndAnOutsideRetiringGranteeIsMergedIntoIt() {
        let grant = KMSGrant(grantID: "g2", granteePrincipals: ["444455556666"], retiringPrincipals: ["444455556666"],
                             operations: ["Encrypt", "ReEncryptFrom"])
        XCTAssertEqual(summary(analyzeKey([grant])), ["444455556666 Account kms:Encrypt,kms:ReEncryptFrom,kms:RetireGrant [] KMS_GRANT"])
    }

    func testGrantsInsideTheZoneAreNoFinding() {
        let grants = [
            KMSGrant(grantID: "g3", granteePrincipals: ["arn:aws:iam::111122223333:role/app"], retiringPrincipals: ["arn:aws:iam::111122223333:root"],
                     operations: ["Decrypt", "Encrypt", "CreateGrant"]),
            KMSGrant(grantID: "g4", granteePrincipals: ["111122223333"], operations: ["DescribeKey"]),
        ]
        let result = analyzeKey(grants)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertEqual(result.findings, [])
        // An organization zone: a member account's grantee is inside, another account's is not.
        let organization = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount, otherAccount])
        let member = KMSGrant(grantID: "g5", granteePrincipals: ["arn:aws:iam::444455556666:role/app"], operations: ["Decrypt"])
        XCTAssertEqual(analyzeKey([member], zone: organization).status, .noExternalAccess)
        XCTAssertEqual(analyzeKey([member]).status, .externalAccess)
    }

    /// `GrantListEntry`: for a grant an AWS service holds, `GranteePrincipal` is a service
    /// principal. A grant carries no source key, so nothing says whom the service acts for: it is
    /// outside the zone (`OutsideZone.contains`, as for a service in a policy without a source key).
    func testAServiceGranteeIsAServiceFinding() {
        let grant = KMSGrant(grantID: "g6", granteePrincipals: ["dynamodb.us-west-2.amazonaws.com"],
                             retiringPrincipals: ["dynamodb.us-west-2.amazonaws.com"], operations: ["Decrypt", "Encrypt"],
                             encryptionContextSubset: ["aws:dynamodb:tableName": "orders", "aws:dynamodb:subscriberId": "111122223333"])
        XCTAssertEqual(summary(analyzeKey([grant])), [
            "dynamodb.us-west-2.amazonaws.com Service kms:Decrypt,kms:Encrypt [EncryptionContextSubset aws:dynamodb:subscriberId: 111122223333; EncryptionContextSubset aws:dynamodb:tableName: orders] KMS_GRANT",
            "dynamodb.us-west-2.amazonaws.com Service kms:RetireGrant [] KMS_GRANT",
        ])
    }

    /// A grantee of a form Rampart cannot read is never taken to be inside the zone.
    func testAGranteeOfAnUnknownFormIsAFinding() {
        let grant = KMSGrant(grantID: "g7", granteePrincipals: ["arn:aws:iam::111122223333:group/Admins"], operations: ["Decrypt"])
        XCTAssertEqual(summary(analyzeKey([grant])), ["arn:aws:iam::111122223333:group/Admins Account kms:Decrypt [] KMS_GRANT"])
    }

    func testEncryptionContextEqualsIsAConditionToo() {
        let grant = KMSGrant(grantID: "g8", granteePrincipals: ["arn:aws:iam::444455556666:root"], operations: ["Decrypt"],
                             encryptionContextEquals: ["Purpose": "backup"])
        XCTAssertEqual(summary(analyzeKey([grant])), ["arn:aws:iam::444455556666:root Account kms:Decrypt [EncryptionContextEquals Purpose: backup] KMS_GRANT"])
    }

    /// Grants are KMS's: on another resource type they grant nothing.
    func testGrantsOnlyCountOnKeys() {
        let grant = KMSGrant(grantID: "g9", granteePrincipals: ["arn:aws:iam::444455556666:root"], operations: ["Decrypt"])
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, kmsGrants: [grant])
        XCTAssertEqual(KMSGrantFindings.findings(for: resource, zone: ourZone), [])
    }

    /// docs/REPORTS.md, "Severity and remediation", with the Service Authorization Reference's
    /// access levels for AWS KMS: `kms:Decrypt` is Write and `kms:RetireGrant` Permissions
    /// management (an outside account that can change: HIGH), `kms:DescribeKey` Read (MEDIUM); a
    /// service without a source key is LOW. The advice is to revoke the grant.
    func testGrantFindingsAreJudgedLikeEveryFinding() {
        let grants = [
            KMSGrant(grantID: "g1", granteePrincipals: ["arn:aws:iam::444455556666:role/reader"], retiringPrincipals: ["arn:aws:iam::555566667777:root"],
                     operations: ["Decrypt", "DescribeKey"], encryptionContextSubset: ["Department": "IT"]),
            KMSGrant(grantID: "g2", granteePrincipals: ["dynamodb.us-west-2.amazonaws.com"], operations: ["Decrypt"]),
        ]
        let labels = Dictionary(uniqueKeysWithValues: analyzeKey(grants).findings.map { finding in
            ("\(finding.principal) \(finding.actions.joined(separator: ","))", FindingSeverity(GrantedAccess(finding, resourceType: .kmsKey)).label)
        })
        XCTAssertEqual(labels, [
            "arn:aws:iam::444455556666:role/reader kms:Decrypt": .high,
            "arn:aws:iam::444455556666:role/reader kms:DescribeKey": .medium,
            "arn:aws:iam::555566667777:root kms:RetireGrant": .high,
            "dynamodb.us-west-2.amazonaws.com kms:Decrypt": .low,
        ])
        let finding = analyzeKey([grants[0]]).findings[0]
        XCTAssertEqual(FindingRemediation(GrantedAccess(finding, resourceType: .kmsKey)).learnMoreLink,
                       "https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html")
    }
}
