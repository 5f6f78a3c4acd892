@testable import Analysis
import Authorizer
import Policy
import XCTest
import Z3

/// Issue 15 item 7: an action applies only to the resource types the Service Authorization
/// Reference gives it. Expected answers from its pages:
/// - Amazon S3 (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html):
///   `GetObject` and `PutObject` have the resource type `object`, `ListBucket` and
///   `GetBucketPolicy` the type `bucket`, `ListAllMyBuckets` none (it applies to `*`).
/// - AWS KMS (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html):
///   `Decrypt` has the type `key`; `CreateKey` and `ListKeys` have none.
/// - AWS STS (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html):
///   `AssumeRole` and `TagSession` have the type `role`; `GetCallerIdentity` has none.
/// - Amazon DynamoDB (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html):
///   `GetRecords` has the type `stream`, `Query` the types `index` and `table`, `DeleteTable` `table`.
final class ActionApplicabilityTests: XCTestCase {
    private let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    private let role = "arn:aws:iam::111122223333:role/target"
    private let table = "arn:aws:dynamodb:us-east-1:111122223333:table/Books"

    private func publicStatement(_ actions: String, resource: String) -> String {
        #"{"Sid": "Grant", "Effect": "Allow", "Principal": "*", "Action": \#(actions), "Resource": \#(resource)}"#
    }

    // MARK: Answers

    func testObjectActionOnTheBucketAloneGrantsNothing() {
        let result = analyze(.s3Bucket, arn: bucket, statements: publicStatement(#""s3:GetObject""#, resource: "\"\(bucket)\""))
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertTrue(result.explanation.contains { $0.contains("none of its actions applies to the resources it names") },
                      "\(result.explanation)")
    }

    func testObjectActionOnTheObjectsIsPublic() {
        let result = analyze(.s3Bucket, arn: bucket, statements: publicStatement(#""s3:GetObject""#, resource: "\"\(bucket)/*\""))
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.map(\.actions), [["s3:GetObject"]])
        XCTAssertEqual(result.findings.first?.witness.resource.hasPrefix(bucket + "/"), true)
    }

    func testBucketActionOnTheObjectsAloneGrantsNothing() {
        let result = analyze(.s3Bucket, arn: bucket, statements: publicStatement(#"["s3:ListBucket", "s3:GetBucketPolicy"]"#, resource: "\"\(bucket)/*\""))
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    func testEveryS3ActionOnTheBucketListsBucketActionsOnly() throws {
        let result = analyze(.s3Bucket, arn: bucket, statements: publicStatement(#""s3:*""#, resource: "\"\(bucket)\""))
        XCTAssertEqual(result.status, .externalAccess)
        let actions = try XCTUnwrap(result.findings.first?.actions)
        XCTAssertTrue(actions.contains("s3:ListBucket"))
        XCTAssertTrue(actions.contains("s3:GetBucketPolicy"))
        XCTAssertFalse(actions.contains("s3:GetObject"), "an object action on the bucket is no request")
        XCTAssertFalse(actions.contains("s3:PutObject"))
        XCTAssertFalse(actions.contains("s3:ListAllMyBuckets"), "an action without resource type applies to * only")
        XCTAssertEqual(result.findings.first?.witness.resource, bucket)
    }

    func testActionsWithoutResourceTypeNeverReachAResource() {
        let bucketResult = analyze(.s3Bucket, arn: bucket, statements: publicStatement(#""s3:ListAllMyBuckets""#, resource: #""*""#))
        XCTAssertEqual(bucketResult.status, .noExternalAccess)
        let keyResult = analyze(.kmsKey, arn: key, statements: publicStatement(#"["kms:CreateKey", "kms:ListKeys"]"#, resource: #""*""#))
        XCTAssertEqual(keyResult.status, .noExternalAccess)
        let decrypt = analyze(.kmsKey, arn: key, statements: publicStatement(#"["kms:CreateKey", "kms:Decrypt"]"#, resource: #""*""#))
        XCTAssertEqual(decrypt.status, .externalAccess)
        // Everyone, the federated users and the services (KMS takes signed requests only): Decrypt each.
        XCTAssertFalse(decrypt.findings.isEmpty)
        XCTAssertEqual(Set(decrypt.findings.map(\.actions)), [["kms:Decrypt"]])
    }

    func testTrustPolicyActionsApplyToRoles() {
        let statement = { (action: String) in
            #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "\#(action)"}"#
        }
        XCTAssertEqual(analyze(.iamRole, arn: role, statements: statement("sts:GetCallerIdentity")).status, .noExternalAccess)
        let assume = analyze(.iamRole, arn: role, statements: statement("sts:*"))
        XCTAssertEqual(assume.status, .externalAccess)
        let actions = assume.findings.flatMap(\.actions)
        XCTAssertTrue(actions.contains("sts:AssumeRole"))
        XCTAssertTrue(actions.contains("sts:TagSession"))
        XCTAssertFalse(actions.contains("sts:GetCallerIdentity"))
        XCTAssertFalse(actions.contains("sts:GetSessionToken"))
    }

    func testTableIndexesAndStreamsTakeTheirOwnActions() {
        // GetRecords applies to streams only: granted on the table and its indexes, it reaches nothing.
        let onIndexes = analyze(.dynamoDBTable, arn: table,
                                statements: publicStatement(#""dynamodb:GetRecords""#, resource: "[\"\(table)\", \"\(table)/index/*\"]"))
        XCTAssertEqual(onIndexes.status, .noExternalAccess)
        let onStreams = analyze(.dynamoDBTable, arn: table, statements: publicStatement(#""dynamodb:GetRecords""#, resource: "\"\(table)/stream/*\""))
        XCTAssertEqual(onStreams.status, .externalAccess)
        // Query applies to the table and to indexes.
        let query = analyze(.dynamoDBTable, arn: table, statements: publicStatement(#""dynamodb:Query""#, resource: "\"\(table)/index/*\""))
        XCTAssertEqual(query.status, .externalAccess)
    }

    /// An action a policy names that the catalog does not know may be newer than the catalog: its
    /// resource types are unknown, so it is taken to apply anywhere — never a "safe" on a guess.
    func testActionsTheCatalogDoesNotKnowMayApplyAnywhere() {
        let result = analyze(.s3Bucket, arn: bucket, statements: publicStatement(#""s3:GetObjectFromTheFuture""#, resource: "\"\(bucket)\""))
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.map(\.actions), [["s3:GetObjectFromTheFuture"]])
    }

    /// A resource given with a type its ARN does not have (a layer version as a function): the
    /// parts of its scope are not of the type's form, so every action is taken to apply there —
    /// never "safe" because the type's actions do not fit the resource.
    func testAResourceOfAnotherFormThanItsTypeClosesNoAction() throws {
        let layer = "arn:aws:lambda:us-east-2:111122223333:layer:my-layer:3"
        let statement = #"{"Effect": "Allow", "Principal": "*", "Action": "lambda:GetLayerVersion", "Resource": "\#(layer)"}"#
        let asLayer = analyze(.lambdaLayer, arn: layer, statements: statement)
        XCTAssertEqual(asLayer.status, .externalAccess)
        let asFunction = AnalyzedResource(arn: layer, type: .lambdaFunction, account: ourAccount, policy: policy(document(statement)))
        XCTAssertEqual(ExternalAccessAnalyzer.analyze(asFunction, zone: ourZone, options: testOptions).status, .externalAccess)
        let scopes = ResourceType.lambdaFunction.requestResources(for: layer)
        let applicability = try XCTUnwrap(ActionApplicability(resourceType: .lambdaFunction, scopes: scopes,
                                                              actionPatterns: [], catalog: .shipped))
        XCTAssertTrue(applicability.admits(action: "lambda:GetLayerVersion", resource: layer))
        XCTAssertFalse(applicability.admits(action: "lambda:ListFunctions", resource: layer), "no resource type: * only, whatever the form")
    }

    /// A glob no action AWS defines matches grants nothing a request can use.
    func testGlobsMatchingNoActionGrantNothing() {
        let result = analyze(.s3Bucket, arn: bucket, statements: publicStatement(#""s3:NoSuchAction*""#, resource: "\"\(bucket)/*\""))
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    func testTheStringEncodingGivesTheSameAnswers() {
        var options = testOptions
        options.actionClasses = false
        options.screen = false
        let cases: [(String, String, ExternalAccessResult.Status)] = [
            (#""s3:GetObject""#, "\"\(bucket)\"", .noExternalAccess),
            (#""s3:GetObject""#, "\"\(bucket)/*\"", .externalAccess),
            (#""s3:ListAllMyBuckets""#, #""*""#, .noExternalAccess),
            (#""s3:GetObjectFromTheFuture""#, "\"\(bucket)\"", .externalAccess),
        ]
        for (actions, resources, expected) in cases {
            let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount,
                                            policy: policy(document(publicStatement(actions, resource: resources))))
            XCTAssertEqual(ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options).status, expected, "\(actions) on \(resources)")
        }
    }

    // MARK: The two sides of the fact agree

    /// For every action of the resource's services in the shipped catalog, and actions outside the
    /// catalog, on a resource of each part of the scope: the question's constraint (`actionsApply`,
    /// with the request pinned) holds exactly when `admits` says the request can exist — with the
    /// action as a class and as a string.
    func testSymbolicAndConcreteApplicabilityAgree() throws {
        let cases: [(ResourceType, String, [String])] = [
            (.s3Bucket, bucket, [bucket, bucket + "/photos/cat.jpg"]),
            (.dynamoDBTable, table, [table, table + "/index/ByAuthor", table + "/stream/2026-01-01T00:00:00.000"]),
            (.kmsKey, key, [key]),
        ]
        for (type, arn, resources) in cases {
            let service = type.servicePrefixes[0]
            let statement = #"{"Effect": "Allow", "Principal": "*", "Action": ["\#(service):*", "\#(service):NamedButUnknown"], "Resource": "*"}"#
            let parsed = try XCTUnwrap(policy(document(statement), type: type.policyType))
            let resource = AnalyzedResource(arn: arn, type: type, account: ourAccount, policy: parsed)
            var actions = ActionCatalog.shipped.actions(ofService: service)
            actions += ["\(service):NamedButUnknown", "\(service):NotNamedAnywhere", "sqs:SendMessage"]
            for classes in [true, false] {
                let context = try Z3Context()
                let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: context, catalog: .shipped,
                                                    actionClasses: classes)
                let applicability = try XCTUnwrap(query.applicability)
                var admitted = 0, refused = 0
                // The string encoding's equalities are slower: every action once on one resource, all on the others with classes.
                for (index, action) in actions.enumerated() {
                    for requestResource in resources where classes || index % 7 == 0 {
                        let request = Request(principal: .anonymous, action: action.lowercased(), resource: requestResource,
                                              resourceAccount: ourAccount)
                        let solver = try Z3Solver(context: context, timeoutMilliseconds: 60_000)
                        try solver.assert(query.authorization.pin(request))
                        try solver.assert(query.actionsApply)
                        try solver.assert(query.authorization.wellFormedness())
                        let result = try solver.check()
                        XCTAssertFalse({ if case .unknown = result { return true }; return false }(), "solver gave up")
                        let concrete = applicability.admits(action: action, resource: requestResource)
                        XCTAssertEqual(result.isSat, concrete, "\(type.rawValue) classes \(classes): \(action) on \(requestResource)")
                        if concrete { admitted += 1 } else { refused += 1 }
                    }
                }
                // Both answers occur (the test would pass vacuously otherwise).
                XCTAssertGreaterThan(admitted, 0, "\(type.rawValue)")
                XCTAssertGreaterThan(refused, 0, "\(type.rawValue)")
            }
        }
    }

    func testConcreteApplicabilityFollowsTheReference() throws {
        let scopes = ResourceType.s3Bucket.requestResources(for: bucket)
        let applicability = try XCTUnwrap(ActionApplicability(resourceType: .s3Bucket, scopes: scopes,
                                                              actionPatterns: ["s3:*", "s3:GetObjectFromTheFuture"], catalog: .shipped))
        let object = bucket + "/a.txt"
        XCTAssertTrue(applicability.admits(action: "s3:GetObject", resource: object))
        XCTAssertFalse(applicability.admits(action: "s3:GetObject", resource: bucket))
        XCTAssertTrue(applicability.admits(action: "S3:LISTBUCKET", resource: bucket), "actions compare ignoring case")
        XCTAssertFalse(applicability.admits(action: "s3:ListBucket", resource: object))
        XCTAssertFalse(applicability.admits(action: "s3:ListAllMyBuckets", resource: bucket))
        XCTAssertFalse(applicability.admits(action: "s3:NotAnAction", resource: object))
        XCTAssertTrue(applicability.admits(action: "s3:GetObjectFromTheFuture", resource: bucket))
        XCTAssertTrue(applicability.admits(action: "s3:GetObjectFromTheFuture", resource: object))
        // No scope (any resource of the type): the actions are not closed.
        XCTAssertNil(ActionApplicability(resourceType: .s3Bucket, scopes: [], actionPatterns: [], catalog: .shipped))
        // A catalog without the service's actions: not closed either (never "no action exists").
        XCTAssertNil(ActionApplicability(resourceType: .s3Bucket, scopes: scopes, actionPatterns: [], catalog: ActionCatalog(actions: [])))
    }

    /// Each resource type's ARN form, and the forms of its objects, indexes and streams, are
    /// spelled as the shipped catalog spells them: a catalog that renamed one would otherwise make
    /// every action apply there (the safe fallback), silently losing the fact.
    func testEveryScopeFormIsOneTheCatalogHas() {
        let catalog = ActionCatalog.shipped
        for type in ResourceType.allCases {
            let forms = Set(type.servicePrefixes.flatMap(catalog.actions(ofService:)).flatMap { catalog.resourceTypeForms(of: $0) ?? [] })
            // A part whose actions the reference does not tell says so (`everyActionForm`).
            for scope in type.requestResources(for: ResourceARNForm.placeholder(for: type, account: ourAccount))
            where scope.catalogForm != RequestResourceScope.everyActionForm {
                XCTAssertTrue(forms.contains(scope.catalogForm), "\(type.rawValue): \(scope.catalogForm)")
            }
        }
    }
}
