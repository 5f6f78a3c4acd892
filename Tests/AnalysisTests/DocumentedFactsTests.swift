@testable import Analysis
import Authorizer
import Policy
import XCTest

/// Answers decided by AWS's documentation (issue 15, "wrong safe answers"): each test names the
/// page its expectation comes from.
final class DocumentedFactsTests: XCTestCase {
    private let role = "arn:aws:iam::111122223333:role/service-role"

    private func trust(_ statement: String) -> ExternalAccessResult {
        analyze(.iamRole, arn: role, statements: statement)
    }

    // MARK: 1. Services in role trust policies

    // IAM User Guide, "The confused deputy problem" (cross-service confused deputy prevention):
    // a service assumes a role on behalf of the account its source keys name. A trust that lets
    // Personalize in only for account 444455556666 lets that account's use of Personalize in.
    func testTrustedServiceActingForAnOutsideAccountIsExternal() {
        let result = trust(#"""
            {"Effect": "Allow", "Principal": {"Service": "personalize.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"aws:SourceAccount": "444455556666"}}}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, ["personalize.amazonaws.com"])
        XCTAssertEqual(result.findings.first?.witness.context["aws:SourceAccount"]?.text, otherAccount)
        XCTAssertTrue(result.explanation.contains { $0.contains("confused deputy") }, "\(result.explanation)")
    }

    // Same page: aws:SourceArn names the resource on whose behalf the service calls; its account
    // segment is outside the zone.
    func testTrustedServiceWithAnOutsideSourceArnIsExternal() {
        let result = trust(#"""
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:lambda:us-east-1:444455556666:function:*"}}}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
    }

    // The source keys naming the zone keep the service inside it.
    func testTrustedServiceActingForTheZoneIsInside() {
        let result = trust(#"""
            {"Effect": "Allow", "Principal": {"Service": "personalize.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    // IAM User Guide, "Grant a user permissions to pass a role to an AWS service": Lambda takes a
    // role only when a caller allowed iam:PassRole on it (in the role's account) passed it, so
    // with no source key the service acts for the role's account — and the proof says so.
    func testServiceThatNeedsPassRoleWithoutSourceKeyIsInside() {
        let result = trust(#"{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}"#)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertTrue(result.explanation.contains { $0.contains("iam:PassRole") }, "\(result.explanation)")
        XCTAssertTrue(RolePassingServices.needsPassRole("lambda.amazonaws.com"))
        // ECS's guide: "users also require iam:PassRole permissions to use IAM roles for tasks".
        XCTAssertTrue(RolePassingServices.needsPassRole("ecs-tasks.amazonaws.com"))
    }

    // A service not known to need iam:PassRole, with no source key: it may assume the role for
    // any of its customers, which is external (and the note says which rule decided).
    func testServiceNotKnownToNeedPassRoleWithoutSourceKeyIsExternal() {
        XCTAssertFalse(RolePassingServices.needsPassRole("example-service.amazonaws.com"))
        let result = trust(#"{"Effect": "Allow", "Principal": {"Service": "example-service.amazonaws.com"}, "Action": "sts:AssumeRole"}"#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertTrue(result.explanation.contains { $0.contains("not known to assume roles only") }, "\(result.explanation)")
    }

    // MARK: 2. Public is judged on the whole policy

    private let orgConfined = #"""
        {"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
        {"Sid": "OrgOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
         "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
        """#

    // S3 User Guide, "The meaning of public": non-public when it grants only to fixed values. The
    // Deny leaves only organization o-a1b2c3d4e5, a fixed aws:PrincipalOrgID.
    func testDenyUnlessOrganizationMakesThePolicyNonPublic() throws {
        let parsed = try XCTUnwrap(policy(document(orgConfined)))
        XCTAssertEqual(PublicPolicyRule.judge(parsed), .notPublic)
        XCTAssertEqual(CustomChecks.noPublicAccess(policy: parsed, type: .s3Bucket, resourceArn: nil, options: testOptions).outcome, .pass)
    }

    // S3 User Guide, "Block public access settings": RestrictPublicBuckets applies only to buckets
    // with public policies. This policy is not public, so the organization's other accounts
    // (outside an account zone) still get in, and the answer must say so.
    func testRestrictPublicBucketsDoesNotHideANonPublicPolicysAccess() {
        let result = analyze(.s3Bucket, arn: bucket, statements: orgConfined) {
            $0.blockPublicAccess = BlockPublicAccess(restrictPublicBuckets: true)
        }
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertFalse(result.isPublic)
        XCTAssertEqual(result.findings.first?.witness.principal.orgID, "o-a1b2c3d4e5")
    }

    // The same grant without the Deny is public, and RestrictPublicBuckets then leaves only the
    // owner's account and services: no account or anonymous caller outside gets in (a service
    // acting for an outside account is the one access left, as in S3BucketTests).
    func testRestrictPublicBucketsStillAppliesToAPublicPolicy() throws {
        let statement = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        XCTAssertEqual(PublicPolicyRule.judge(try XCTUnwrap(policy(document(statement)))), .public)
        let result = analyze(.s3Bucket, arn: bucket, statements: statement) {
            $0.blockPublicAccess = BlockPublicAccess(restrictPublicBuckets: true)
        }
        XCTAssertFalse(result.findings.contains { $0.principalKind == .everyone || $0.principalKind == .account })
    }

    // A Deny on a key that says nothing of the caller (aws:SecureTransport) leaves the grant open
    // to everyone over TLS: still public for certain.
    func testDenyOnTransportLeavesThePolicyPublic() throws {
        let parsed = try XCTUnwrap(policy(document(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            """#)))
        XCTAssertEqual(PublicPolicyRule.judge(parsed), .public)
    }

    // A Deny this rule cannot read (a Null test) might narrow the grant: uncertain, so
    // RestrictPublicBuckets is not applied (it would hide access on a guess) while findings still
    // call the grant public.
    func testUnreadableDenyIsUncertainAndHidesNothing() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"Null": {"aws:PrincipalOrgID": "true"}}}
            """#
        XCTAssertEqual(PublicPolicyRule.judge(try XCTUnwrap(policy(document(statements)))), .uncertain)
        let result = analyze(.s3Bucket, arn: bucket, statements: statements) {
            $0.blockPublicAccess = BlockPublicAccess(restrictPublicBuckets: true)
        }
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertTrue(result.isPublic)
    }

    // Containment of action and resource patterns, worked by hand.
    func testPatternContainment() {
        XCTAssertTrue(PublicPolicyRule.contains("s3:*", "s3:Get*", caseInsensitive: true))
        XCTAssertTrue(PublicPolicyRule.contains("S3:GET*", "s3:getobject", caseInsensitive: true))
        XCTAssertTrue(PublicPolicyRule.contains("arn:aws:s3:::b/*", "arn:aws:s3:::b/public/*", caseInsensitive: false))
        XCTAssertFalse(PublicPolicyRule.contains("s3:Get?", "s3:Get*", caseInsensitive: true))
        XCTAssertFalse(PublicPolicyRule.contains("arn:aws:s3:::b/*", "arn:aws:s3:::b*", caseInsensitive: false))
        XCTAssertFalse(PublicPolicyRule.contains("s3:Put*", "s3:GetObject", caseInsensitive: true))
    }

    // MARK: 3. Federated principals can be public

    // S3 User Guide, "The meaning of public": its first public example is {"Federated": "graph.facebook.com"}.
    func testFacebookFederationIsPublic() throws {
        let parsed = try XCTUnwrap(policy(document(#"""
            {"Effect": "Allow", "Principal": {"Federated": "graph.facebook.com"}, "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#)))
        XCTAssertEqual(PublicPolicyRule.judge(parsed), .public)
    }

    // GitHub Docs, "Configuring OpenID Connect in Amazon Web Services": without a condition on
    // token.actions.githubusercontent.com:sub any repository's workflow can assume the role.
    func testGitHubTrustWithoutSubjectIsPublic() throws {
        let parsed = try XCTUnwrap(policy(document(#"""
            {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
             "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}
            """#), type: .trust))
        let check = CustomChecks.noPublicAccess(policy: parsed, type: .iamRole, resourceArn: role, options: testOptions)
        XCTAssertEqual(check.outcome, .fail)
        let result = trust(#"""
            {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
             "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}
            """#)
        XCTAssertTrue(result.isPublic)
    }

    // The same trust pinned to one owner's repositories is external access but not public.
    func testGitHubTrustPinnedToAnOwnerIsNotPublic() throws {
        let statement = #"""
            {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
             "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                           "StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}}}
            """#
        let parsed = try XCTUnwrap(policy(document(statement), type: .trust))
        XCTAssertEqual(CustomChecks.noPublicAccess(policy: parsed, type: .iamRole, resourceArn: role, options: testOptions).outcome, .pass)
        let result = trust(statement)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertFalse(result.isPublic)
        // `repo:*` pins no owner.
        let open = try XCTUnwrap(policy(document(statement.replacingOccurrences(of: "repo:acme/*", with: "repo:*")), type: .trust))
        XCTAssertEqual(PublicPolicyRule.judge(open), .public)
    }

    // A SAML provider is the account's own identity provider: not public on its own.
    func testSAMLProviderIsNotPublic() throws {
        let parsed = try XCTUnwrap(policy(document(#"""
            {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Corp"},
             "Action": "sts:AssumeRoleWithSAML"}
            """#), type: .trust))
        XCTAssertEqual(PublicPolicyRule.judge(parsed), .notPublic)
    }

    // MARK: 8. One finding per principal, real actions only

    // Access Analyzer reports a finding per principal (IAM User Guide, "Review findings"): public
    // read for everyone, and the partner's role its own write — not "public write".
    func testOneFindingPerPrincipalWithItsOwnActions() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/etl"}, "Action": "s3:PutObject",
             "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#)
        XCTAssertEqual(result.findings.count, 2)
        let everyone = result.findings.first { $0.principal == "*" }
        XCTAssertEqual(everyone?.actions, ["s3:GetObject"])
        XCTAssertEqual(everyone?.isPublic, true)
        let partner = result.findings.first { $0.principal == otherAccount }
        XCTAssertEqual(partner?.actions, ["s3:PutObject"])
        XCTAssertEqual(partner?.isPublic, false)
    }

    // Ten statements, nine distinct outside accounts each with its own actions: every account has
    // its finding (none folded into `*`), and the result is complete.
    func testDistinctOutsideAccountsEachHaveTheirFinding() {
        var statements = [#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#]
        let accounts = (2...9).map { String(repeating: String($0), count: 12) } + ["555566667777"]
        for (index, account) in accounts.enumerated() {
            let action = index % 2 == 0 ? "s3:ListBucket" : "s3:PutObject"
            statements.append(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(account):root"}, "Action": "\#(action)", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"]}"#)
        }
        let result = analyze(.s3Bucket, arn: bucket, statements: statements.joined(separator: ",\n"))
        XCTAssertTrue(result.complete)
        XCTAssertEqual(Set(result.externalPrincipals), Set(["*"] + accounts))
        for (index, account) in accounts.enumerated() {
            XCTAssertEqual(result.findings.first { $0.principal == account }?.actions,
                           [index % 2 == 0 ? "s3:ListBucket" : "s3:PutObject"], account)
        }
    }

    // Service Authorization Reference, Amazon S3: s3:GetObject applies to objects, s3:ListBucket to
    // buckets. A pattern that names actions of other resource types (s3:*) lists only the actions a
    // request on this bucket or its objects can name, each replayed on such a resource, and a
    // pattern like s3:?etAccessGrant never puts a solver's string in the list.
    func testListedActionsAreCatalogActionsOnResourcesTheyApplyTo() throws {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:*", "s3:?etAccessGrant"],
             "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"]}
            """#)
        let finding = try XCTUnwrap(result.findings.first)
        let catalog = ActionCatalog.shipped
        XCTAssertTrue(finding.actions.contains("s3:GetObject") && finding.actions.contains("s3:ListBucket"))
        XCTAssertFalse(finding.actions.contains("s3:GetAccessGrant"), "an access-grants action, not a bucket's")
        XCTAssertFalse(finding.actions.contains("s3:ListAllMyBuckets"), "applies to * only")
        for action in finding.actions {
            XCTAssertEqual(catalog.spelling(of: action), action, "\(action) is a catalog action")
            let fits = [bucket, bucket + "/example.txt"].contains { catalog.applies(action, to: $0) == true }
            XCTAssertTrue(fits, "\(action) applies to the bucket or its objects")
        }
        XCTAssertEqual(catalog.applies("s3:GetObject", to: bucket), false)
        XCTAssertEqual(catalog.applies("s3:GetObject", to: bucket + "/a/b.txt"), true)
        XCTAssertEqual(catalog.applies("s3:ListBucket", to: bucket + "/a"), false)
        XCTAssertEqual(catalog.applies("sts:AssumeRole", to: "arn:aws:iam::111122223333:role/path/Name"), true)
    }

    // MARK: 5. Organization keys belong to the caller's identity

    // AWS Organizations API Reference, Organization.Id: "^o-[a-z0-9]{10,32}$". An upper-case id
    // names no organization, so StringEquals on it matches nobody.
    func testMalformedOrganizationIDMatchesNobody() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "O-A1B2C3D4E5"}}}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess, "\(result.findings.map(\.witness))")
        XCTAssertFalse(OrganizationIdentifiers.organization.matches("O-A1B2C3D4E5"))
        XCTAssertTrue(OrganizationIdentifiers.organization.matches("o-a1b2c3d4e5"))
        XCTAssertFalse(OrganizationIdentifiers.organization.matches("o-a1b2c3d4e"))  // 9 characters
    }

    // IAM User Guide, aws:PrincipalOrgPaths: each entry is the path of the caller's account in its
    // own organization. With the organization as the zone, a path in it belongs to a member
    // account, which is inside: an outside account cannot present one.
    func testOrganizationPathsBeginWithTheCallersOrganization() {
        let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount])
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}}
            """#, zone: zone)
        XCTAssertEqual(result.status, .noExternalAccess, "\(result.findings.map(\.witness))")
        XCTAssertTrue(OrganizationIdentifiers.isPath("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", in: "o-a1b2c3d4e5"))
        XCTAssertFalse(OrganizationIdentifiers.isPath("o-a1b2c3d4e5/r-ab12/ou-x/", in: "o-a1b2c3d4e5"))
        XCTAssertFalse(OrganizationIdentifiers.isPath("o-zzzzzzzzzz/r-ab12/", in: "o-a1b2c3d4e5"))
        XCTAssertFalse(OrganizationIdentifiers.isPath("", in: "o-a1b2c3d4e5"))
    }

    // Item 9: a witness's organization id is a real one, never empty.
    func testWitnessesCarryRealOrganizationIDs() throws {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringLike": {"aws:PrincipalOrgID": "*"}}}
            """#)
        let witness = try XCTUnwrap(result.findings.first?.witness)
        XCTAssertEqual(RequestRealism.problems(witness), [])
        if let organization = witness.principal.orgID {
            XCTAssertTrue(OrganizationIdentifiers.organization.matches(organization), organization)
        }
    }

    // MARK: 4. kms:CallerAccount and signed-only services

    /// The policy of an AWS managed key as AWS writes it (AWS KMS Developer Guide, "AWS managed
    /// keys": "kms:CallerAccount" with "kms:ViaService").
    private func managedKeyPolicy(callerAccount: String) -> String {
        #"""
        {"Sid": "Allow access through S3 for all principals in the account that are authorized to use S3", "Effect": "Allow",
         "Principal": {"AWS": "*"}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
         "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "\#(callerAccount)", "kms:ViaService": "s3.us-east-1.amazonaws.com"}}},
        {"Sid": "Allow direct access to key metadata to the account", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"}
        """#
    }

    private let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    // AWS KMS Developer Guide, "kms:CallerAccount": the account of the calling identity. A managed
    // key's policy admits only its own account's identities: no external access, not public.
    func testManagedKeyPolicyIsNotExternal() {
        let result = analyze(.kmsKey, arn: key, statements: managedKeyPolicy(callerAccount: ourAccount))
        XCTAssertEqual(result.status, .noExternalAccess, "\(result.findings.map(\.witness))")
        XCTAssertFalse(result.isPublic)
    }

    // The same policy naming another account grants that account's identities, and no one else:
    // one finding, of that account, not public (KMS takes no anonymous requests).
    func testCallerAccountOfAnotherAccountIsThatAccount() {
        let result = analyze(.kmsKey, arn: key, statements: managedKeyPolicy(callerAccount: otherAccount))
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        XCTAssertFalse(result.isPublic)
        XCTAssertEqual(result.findings.first?.witness.principal.account, otherAccount)
    }

    // AWS KMS takes signed requests only: "*" without conditions on a key is every account's
    // identities, not anonymous callers.
    func testKeyOpenToEveryoneHasNoAnonymousWitness() {
        let result = analyze(.kmsKey, arn: key, statements: #"{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}"#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertFalse(result.findings.contains { $0.witness.principal.kind == .anonymous })
        var anonymous = Request(principal: .anonymous, action: "kms:Decrypt", resource: key)
        XCTAssertFalse(RequestRealism.problems(anonymous).isEmpty)
        anonymous.action = "s3:GetObject"
        XCTAssertTrue(RequestRealism.problems(anonymous).isEmpty)
    }

    // IAM User Guide, "AWS global condition context keys", aws:PrincipalTag: only IAM users and
    // roles with attached tags, and sessions with session tags, carry the key. A grant to another
    // account under a tag condition is access by that account's tagged identities: the witness
    // is one of them, never the account's root user, which has no tags.
    func testPrincipalTagsAreCarriedByIAMIdentitiesOnly() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}}}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        for finding in result.findings {
            XCTAssertTrue(finding.witness.principal.kind.carriesTags, "\(finding.witness.principal)")
            XCTAssertEqual(finding.witness.principal.tags["team"], "data")
            XCTAssertEqual(RequestRealism.problems(finding.witness), [])
        }
        var root = Request(principal: .accountRoot(otherAccount), action: "s3:GetObject", resource: bucket + "/k")
        XCTAssertEqual(RequestRealism.problems(root), [])
        root.principal.tags = ["team": "data"]
        XCTAssertEqual(RequestRealism.problems(root).count, 1)
        var service = Request(principal: .service("lambda.amazonaws.com"), action: "s3:GetObject", resource: bucket + "/k")
        service.principal.tags = ["team": "data"]
        XCTAssertEqual(RequestRealism.problems(service).count, 1)
        XCTAssertEqual(Principal.Kind.allCases.filter(\.carriesTags), [.iamUser, .iamRole, .assumedRoleSession, .federatedUser])
    }

    // MARK: 6. Resource-owner keys belong to the resource

    // IAM User Guide, "aws:ResourceOrgID": the organization of the account that owns the resource —
    // not a value the caller chooses. In an organization zone the owner's organization is the
    // zone's, so "the caller's organization is the resource's" admits only members.
    func testResourceOrgIDIsTheOwnersOrganization() {
        let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount])
        let statements = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "${aws:ResourceOrgID}"}}}
            """#
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: statements, zone: zone).status, .noExternalAccess)
        // With one account as the zone the owner's organization is unknown: any value, so the
        // organization's other accounts (or any) may get in — never a proof on a guess.
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: statements).status, .externalAccess)
        XCTAssertEqual(zone.organization(ofOwner: ourAccount), "o-a1b2c3d4e5")
        XCTAssertNil(zone.organization(ofOwner: otherAccount))
    }

    // The concrete side: the key comes from the request's resourceOrgID, like aws:ResourceAccount.
    func testResourceOrgIDIsDerivedFromTheRequest() {
        let request = Request(principal: .role(arn: "arn:aws:iam::444455556666:role/R"), action: "s3:GetObject",
                              resource: "arn:aws:s3:::amzn-s3-demo-bucket/k", resourceAccount: ourAccount, resourceOrgID: "o-a1b2c3d4e5")
        XCTAssertEqual(request.effectiveContext["aws:ResourceOrgID"]?.text, "o-a1b2c3d4e5")
        XCTAssertTrue(RequestFile.encode(request).contains(#""resourceOrgId": "o-a1b2c3d4e5""#))
    }

    // MARK: Screen rules that follow from the facts above

    // IAM User Guide, "Amazon Resource Name (ARN) condition operators": ArnLike matches each of the
    // six segments on its own, so a wildcard region cannot move the account segment. A trust for
    // a service acting for resources of the zone's account (the confused-deputy page's own
    // example) is proved without the solver.
    func testArnLikeWithWildcardRegionAndZoneAccountIsScreened() throws {
        let text = document(#"""
            {"Effect": "Allow", "Principal": {"Service": "ssm-incidents.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:ssm-incidents:*:111122223333:incident-record/myresponseplan/*"}}}
            """#)
        let trustPolicy = try XCTUnwrap(policy(text, type: .trust))
        let resource = AnalyzedResource(arn: role, type: .iamRole, account: ourAccount, policy: trustPolicy)
        // The solver's confirmation of this proof does not finish within minutes (regular
        // expressions over every segment), so the screen's reading is checked against the
        // Authorizer instead: a source ARN whose account segment is another account is refused,
        // even with the zone's account further on in the string.
        let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: testOptions)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertEqual(result.decidedBy, .screen)
        let policies = PolicySet(identityPolicies: nil, resourcePolicy: trustPolicy, resourcePolicyKind: .roleTrust)
        func allowed(_ sourceArn: String) -> Bool {
            var context = RequestContext()
            context["aws:SourceArn"] = .string(sourceArn)
            let request = Request(principal: .service("ssm-incidents.amazonaws.com"), action: "sts:AssumeRole", resource: role,
                                  resourceAccount: ourAccount, context: context)
            return Authorizer.evaluate(request, policies: policies).outcome == .allow
        }
        XCTAssertTrue(allowed("arn:aws:ssm-incidents:us-east-1:111122223333:incident-record/myresponseplan/x"))
        XCTAssertFalse(allowed("arn:aws:ssm-incidents:x:444455556666:y:111122223333:incident-record/myresponseplan/x"))
        XCTAssertFalse(allowed("arn:aws:ssm-incidents:us-east-1:444455556666:incident-record/myresponseplan/x"))
    }

    // A string operator's wildcard can match colons, so the same value under StringLike admits an
    // ARN whose account segment is another account: not screened, and external.
    func testStringLikeWithWildcardBeforeTheAccountIsNotScreened() {
        let result = trust(#"""
            {"Effect": "Allow", "Principal": {"Service": "ssm-incidents.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"StringLike": {"aws:SourceArn": "arn:aws:ssm-incidents:*:111122223333:incident-record/myresponseplan/*"}}}
            """#)
        XCTAssertEqual(result.decidedBy, .solver)
        XCTAssertEqual(result.status, .externalAccess)
    }

    // An organization id not of the documented form (a documentation placeholder) is carried by
    // no caller: the statement admits nobody.
    func testPlaceholderOrganizationIDAdmitsNobody() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "organization-id"}}}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertEqual(result.decidedBy, .screen)
    }

    // IAM User Guide, "Policy evaluation logic": within one account an identity policy alone
    // allows (except for trust and key policies). A topic owned by an account outside the zone is
    // reachable by that account's principals whatever its policy says, so no policy text proves
    // it private: the screen leaves it to the solver, which finds them.
    func testResourceOwnedOutsideTheZoneIsNeverScreened() {
        let result = analyze(.snsTopic, arn: "arn:aws:sns:us-east-2:444455556666:MyTopic", statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "ses.amazonaws.com"}, "Action": "SNS:Publish",
             "Resource": "arn:aws:sns:us-east-2:444455556666:MyTopic", "Condition": {"StringEquals": {"aws:SourceOwner": "111122223333"}}}
            """#) { $0.account = otherAccount }
        XCTAssertEqual(result.decidedBy, .solver)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertTrue(result.externalPrincipals.contains { $0 == otherAccount || $0 == "*" }, "\(result.externalPrincipals)")
    }
}
