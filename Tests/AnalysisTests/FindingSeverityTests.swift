import Analysis
import Authorizer
import Policy
import XCTest

/// The severity scale of docs/REPORTS.md ("Severity and remediation") on hand-worked findings,
/// the access levels it reads from the catalog, and the remediation each kind of finding gets.
final class FindingSeverityTests: XCTestCase {
    private func access(_ principalKind: PrincipalClassKind, principal: String = "*", actions: [String], conditions: [String] = [],
                        isPublic: Bool = false, type: ResourceType = .s3Bucket, source: FindingSource = .policy) -> GrantedAccess {
        GrantedAccess(resourceType: type.rawValue, principal: principal, principalKind: principalKind, actions: actions,
                      conditions: conditions, isPublic: isPublic, source: source)
    }

    // Service Authorization Reference, "Actions defined by Amazon S3" (Access level column,
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html),
    // "… Amazon SQS" (list_amazonsqs.html) and "… AWS Security Token Service" (list_awssecuritytokenservice.html).
    func testTheCatalogCarriesTheReferenceAccessLevels() {
        let catalog = ActionCatalog.shipped
        XCTAssertEqual(catalog.accessLevel(of: "s3:GetObject"), .read)
        XCTAssertEqual(catalog.accessLevel(of: "s3:ListBucket"), .list)
        XCTAssertEqual(catalog.accessLevel(of: "s3:PutObject"), .write)
        XCTAssertEqual(catalog.accessLevel(of: "s3:PutBucketPolicy"), .permissionsManagement)
        XCTAssertEqual(catalog.accessLevel(of: "s3:putbuckettagging"), .tagging, "action names compare case-insensitively")
        XCTAssertEqual(catalog.accessLevel(of: "sqs:SendMessage"), .write)
        XCTAssertEqual(catalog.accessLevel(of: "sqs:TagQueue"), .tagging)
        XCTAssertEqual(catalog.accessLevel(of: "sts:AssumeRole"), .write)
        XCTAssertNil(catalog.accessLevel(of: "nosuchservice:DoIt"))
        // Every action of the shipped catalog has a level (the generator writes one for each).
        for service in ["s3", "sqs", "sts", "kms", "lambda"] {
            for action in catalog.actions(ofService: service) { XCTAssertNotNil(catalog.accessLevel(of: action), action) }
        }
    }

    func testEachRungOfTheScale() {
        // A website bucket readable by anyone (the startup model's public finding): public read.
        let publicRead = FindingSeverity(access(.everyone, actions: ["s3:GetObject"], isPublic: true))
        XCTAssertEqual(publicRead.rung, .publicRead)
        XCTAssertEqual(publicRead.label, .high)
        // Anyone can also write: the Write action decides, and is the one named.
        let publicWrite = FindingSeverity(access(.everyone, actions: ["s3:GetObject", "s3:PutObject"], isPublic: true))
        XCTAssertEqual(publicWrite.rung, .publicChange)
        XCTAssertEqual(publicWrite.label, .critical)
        XCTAssertEqual(publicWrite.decidingActions, ["s3:PutObject"])
        // Tagging changes the resource too (tags can decide access through aws:ResourceTag).
        XCTAssertEqual(FindingSeverity(access(.everyone, actions: ["s3:PutBucketTagging"], isPublic: true)).rung, .publicChange)
        // Another account assuming a role (sts:AssumeRole is Write): cross-account change.
        let assume = FindingSeverity(access(.account, principal: otherAccount, actions: ["sts:AssumeRole"], type: .iamRole))
        XCTAssertEqual(assume.rung, .crossAccountChange)
        XCTAssertEqual(assume.label, .high)
        // Another account listing a bucket: cross-account read.
        let list = FindingSeverity(access(.account, principal: otherAccount, actions: ["s3:ListBucket"]))
        XCTAssertEqual(list.rung, .crossAccountRead)
        XCTAssertEqual(list.label, .medium)
        // A service with no source key: the confused-deputy rung, whatever its actions.
        let service = FindingSeverity(access(.service, principal: "sns.amazonaws.com", actions: ["sqs:SendMessage"], type: .sqsQueue))
        XCTAssertEqual(service.rung, .serviceWithoutSourceCondition)
        XCTAssertEqual(service.label, .low)
        // The same service confined to another account's topic acts for that account: cross-account.
        let named = FindingSeverity(access(.service, principal: "sns.amazonaws.com", actions: ["sqs:SendMessage"],
                                           conditions: ["ArnEquals aws:SourceArn: arn:aws:sns:us-east-1:444455556666:topic"], type: .sqsQueue))
        XCTAssertEqual(named.rung, .crossAccountChange)
        // An action the catalog does not know counts as a change.
        XCTAssertEqual(FindingSeverity(access(.everyone, actions: ["nosuchservice:DoIt"], isPublic: true)).rung, .publicChange)
    }

    /// The scores are ordered as the rungs, and each label is the band of AWS Security Hub's
    /// normalized severity the score falls in (×10: 90–100 CRITICAL, 70–89 HIGH, 40–69 MEDIUM,
    /// 1–39 LOW; https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Severity.html),
    /// which GitHub's security-severity bands agree with (9.0–10.0 critical, 7.0–8.9 high,
    /// 4.0–6.9 medium, 0.1–3.9 low).
    func testScoresFollowTheRungsAndLabelsTheBands() {
        let examples: [FindingSeverity] = [
            FindingSeverity(access(.everyone, actions: ["s3:PutObject"], isPublic: true)),
            FindingSeverity(access(.everyone, actions: ["s3:GetObject"], isPublic: true)),
            FindingSeverity(access(.account, principal: otherAccount, actions: ["s3:PutObject"])),
            FindingSeverity(access(.account, principal: otherAccount, actions: ["s3:GetObject"])),
            FindingSeverity(access(.service, principal: "sns.amazonaws.com", actions: ["sqs:SendMessage"], type: .sqsQueue)),
        ]
        XCTAssertEqual(examples.map(\.rung), FindingSeverity.Rung.allCases)
        XCTAssertEqual(examples.map(\.score), examples.map(\.score).sorted(by: >))
        XCTAssertEqual(Set(examples.map(\.score)).count, examples.count, "each rung has its own score")
        for severity in examples {
            let normalized = Int((severity.score * 10).rounded())
            let band: FindingSeverity.Label = normalized >= 90 ? .critical : normalized >= 70 ? .high : normalized >= 40 ? .medium : .low
            XCTAssertEqual(severity.label, band, "\(severity.rung)")
            XCTAssertTrue((0.1...10).contains(severity.score))
        }
    }

    /// End to end on an analysed trust policy: the finding's printed conditions carry the
    /// source key the severity reads (IAM User Guide, "The confused deputy problem").
    func testAnAnalysedServiceFindingWithASourceKeyIsCrossAccount() throws {
        let result = analyze(.iamRole, arn: "arn:aws:iam::111122223333:role/service-role", statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "personalize.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"aws:SourceAccount": "444455556666"}}}
            """#)
        let finding = try XCTUnwrap(result.findings.first)
        let access = GrantedAccess(finding, resourceType: .iamRole)
        XCTAssertTrue(access.hasSourceCondition, "\(finding.conditions)")
        XCTAssertEqual(FindingSeverity(access).rung, .crossAccountChange)
    }

    func testRemediationLinksTheAWSPageForItsKind() {
        func link(_ access: GrantedAccess) -> String { FindingRemediation(access).learnMoreLink }
        XCTAssertEqual(link(access(.everyone, actions: ["s3:GetObject"], isPublic: true)),
                       "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html")
        XCTAssertEqual(link(access(.everyone, actions: ["s3:GetObject"], isPublic: true, source: .bucketACL)),
                       "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html")
        XCTAssertEqual(link(access(.everyone, actions: ["ec2:CreateVolume"], isPublic: true, type: .ebsSnapshot, source: .snapshotSharing)),
                       "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html")
        XCTAssertEqual(link(access(.account, principal: otherAccount, actions: ["rds:CopyDBSnapshot"], type: .rdsSnapshot, source: .snapshotSharing)),
                       "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html")
        XCTAssertEqual(link(access(.service, principal: "sns.amazonaws.com", actions: ["sqs:SendMessage"], type: .sqsQueue)),
                       "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html")
        XCTAssertEqual(link(access(.federated, principal: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                                   actions: ["sts:AssumeRoleWithWebIdentity"], type: .iamRole)),
                       "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html")
        XCTAssertEqual(link(access(.account, principal: otherAccount, actions: ["sts:AssumeRole"], type: .iamRole)),
                       "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings-remediate.html")
        XCTAssertTrue(FindingRemediation(access(.everyone, actions: ["ec2:CreateVolume"], isPublic: true, type: .ebsSnapshot, source: .snapshotSharing))
            .text.contains("all accounts"))
    }
}
