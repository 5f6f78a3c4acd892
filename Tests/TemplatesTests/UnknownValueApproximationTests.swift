import Authorizer
import Policy
@testable import Templates
import XCTest

/// The approximated policy allows every request that the policy could allow once its unknown
/// values are known, whatever they turn out to be: checked with the Authorizer (the reference
/// semantics) over many values of the unknown parameter and many requests. This is what makes
/// a "no external access" answer on the approximation a proof for the deployed policy.
final class UnknownValueApproximationTests: XCTestCase {
    private static let bucket = "arn:aws:s3:::bucket"

    /// Bucket policies with one parameter, `P`, in each place the approximation treats.
    private let statements: [String] = [
        // Allow: Principal, NotAction, Resource, conditions (exact and pattern), Effect.
        "[{Effect: Allow, Principal: {AWS: !Sub 'arn:aws:iam::${P}:root'}, Action: 's3:GetObject', Resource: '*'}]",
        "[{Effect: Allow, Principal: '*', NotAction: [!Ref P, 's3:DeleteObject'], Resource: '*'}]",
        "[{Effect: Allow, Principal: '*', Action: 's3:*', Resource: !Sub 'arn:aws:s3:::${P}/*'}]",
        "[{Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: {StringEquals: {'aws:PrincipalTag/team': !Ref P}}}]",
        "[{Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: {StringLike: {'aws:PrincipalTag/team': !Sub '${P}*'}}}]",
        "[{Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: {StringNotEquals: {'aws:PrincipalTag/team': !Ref P}}}]",
        "[{Effect: !Ref P, Principal: '*', Action: 's3:GetObject', Resource: '*'}]",
        // Deny: Action, Resource, NotResource, NotPrincipal, conditions, beside an Allow of everything.
        "[{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}, {Effect: Deny, Principal: '*', Action: !Ref P, Resource: '*'}]",
        "[{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}, {Effect: Deny, Principal: '*', Action: 's3:*', Resource: !Sub 'arn:aws:s3:::${P}/*'}]",
        "[{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}, {Effect: Deny, Principal: '*', Action: 's3:*', NotResource: !Sub 'arn:aws:s3:::${P}/*'}]",
        "[{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}, {Effect: Deny, NotPrincipal: {AWS: !Sub 'arn:aws:iam::${P}:root'}, Action: 's3:*', Resource: '*'}]",
        "[{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}, {Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: {StringNotEquals: {'aws:PrincipalTag/team': !Ref P}}}]",
        "[{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}, {Effect: Deny, Principal: {AWS: [!Sub 'arn:aws:iam::${P}:root', 'arn:aws:iam::777788889999:root']}, Action: 's3:*', Resource: '*'}]",
        // Statements under an Fn::If on a condition that depends on P.
        "[{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}, !If [IsRed, {Effect: Deny, Principal: '*', Action: 's3:PutObject', Resource: '*'}, !Ref 'AWS::NoValue']]",
        "[!If [IsRed, {Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: '*'}, {Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*'}], {Effect: Allow, Principal: {AWS: 'arn:aws:iam::444455556666:root'}, Action: 's3:PutObject', Resource: '*'}]",
    ]

    private let values = ["111122223333", "444455556666", "s3:GetObject", "s3:Put*", "*", "red", "blue", "bucket", "other", "Allow", "Deny"]

    private var requests: [Request] {
        let principals: [Principal] = [.anonymous, .accountRoot("444455556666"), .role(arn: "arn:aws:iam::111122223333:role/app"),
                                       .accountRoot("777788889999")]
        var requests: [Request] = []
        for principal in principals {
            for action in ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] {
                for object in ["arn:aws:s3:::bucket/a", "arn:aws:s3:::other/a"] {
                    for team in [nil, "red", "blue", "redder"] {
                        var context = RequestContext()
                        if let team, principal.kind == .iamRole { context["aws:PrincipalTag/team"] = .string(team) }
                        requests.append(Request(principal: principal, action: action, resource: object, resourceAccount: "111122223333", context: context))
                    }
                }
            }
        }
        return requests
    }

    private let allowAll = PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#,
                                              source: "identity.json", type: .identity).policy

    private func policyValue(_ statements: String, parameters: [String: String]) throws -> TemplateValue {
        let yaml = """
            Parameters: {P: {Type: String}}
            Conditions: {IsRed: !Equals [!Ref P, red]}
            Resources:
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: bucket
                  PolicyDocument: {Version: '2012-10-17', Statement: \(statements)}
            """
        let (template, diagnostics) = CloudFormationTemplate.read(bytes: Array(yaml.utf8), file: "t.yaml")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let subjects = CloudFormationSubjects(template: try XCTUnwrap(template), context: DeploymentContext(account: "111122223333", parameters: parameters))
        return try XCTUnwrap(subjects.subjects().first?.policy)
    }

    private func parse(_ json: JSONValue) -> Policy? {
        let result = PolicyParser.parse(json: json, source: "t.yaml", type: .resource)
        return result.diagnostics.contains { $0.severity == .error } ? nil : result.policy
    }

    func testTheApproximationAllowsWhateverAnyValueOfTheUnknownAllows() throws {
        var checked = 0
        for statements in self.statements {
            var approximation = UnknownValueApproximation()
            let approximated = try XCTUnwrap(approximation.approximate(try policyValue(statements, parameters: [:])).policy, statements)
            XCTAssertFalse(approximation.changes.isEmpty, "the unknown parameter was noticed: \(statements)")
            let widened = try XCTUnwrap(parse(approximated), "the approximation is a valid policy: \(statements)")
            for value in values {
                var known = UnknownValueApproximation()
                guard let json = known.approximate(try policyValue(statements, parameters: ["P": value])).policy, let deployed = parse(json) else { continue }
                XCTAssertEqual(known.changes.count, 0)
                for request in requests {
                    let identity = request.principal.kind == .anonymous ? nil : allowAll.map { [$0] }
                    let deployedDecision = Authorizer.evaluate(request, policies: PolicySet(identityPolicies: identity, resourcePolicy: deployed))
                    guard deployedDecision.outcome == .allow else { continue }
                    checked += 1
                    let approximatedDecision = Authorizer.evaluate(request, policies: PolicySet(identityPolicies: identity, resourcePolicy: widened))
                    XCTAssertEqual(approximatedDecision.outcome, .allow,
                                   "P=\(value) allows \(RequestFile.encode(request)) under \(statements), the approximation does not")
                }
            }
        }
        XCTAssertGreaterThan(checked, 1_000, "the sample exercises many allowed requests")
    }

    /// Hand-worked readings, one per rule of the approximation.
    func testEachRuleReadsTheUnknownAsDocumented() throws {
        func approximated(_ statements: String) throws -> (String, [String]) {
            var approximation = UnknownValueApproximation()
            let json = try XCTUnwrap(approximation.approximate(try policyValue(statements, parameters: [:])).policy)
            let policy = try XCTUnwrap(parse(json))
            return (policy.statements.map { $0.effect.rawValue.lowercased() }.joined(separator: ","), approximation.changes.map(\.reading))
        }
        XCTAssertEqual(try approximated(statements[0]).1, ["analysed as Principal \"*\""])
        XCTAssertEqual(try approximated(statements[2]).1, ["unknown parts analysed as \"*\": arn:aws:s3:::*/*"])
        XCTAssertEqual(try approximated(statements[3]).1, ["condition left out"])
        XCTAssertEqual(try approximated(statements[4]).1, ["unknown parts analysed as \"*\" (the operator matches patterns)"])
        XCTAssertEqual(try approximated(statements[6]).1, ["the Effect is unknown: analysed as Allow"])
        // Deny statements that may not apply are left out: only the Allow remains.
        XCTAssertEqual(try approximated(statements[7]).0, "allow")
        XCTAssertEqual(try approximated(statements[11]).0, "allow")
        // A Deny keeps its known principals.
        XCTAssertEqual(try approximated(statements[12]).0, "allow,deny")
        // Under an unknown Fn::If: the Allow branch kept, the Deny branch left out.
        XCTAssertEqual(try approximated(statements[13]).0, "allow")
        XCTAssertEqual(try approximated(statements[14]).0, "allow,allow")
    }

    /// The resource's own generated name is one placeholder in its ARN and in the entries that
    /// name it; another entry of the same service might name it once the name is known, so it
    /// is read as `*` in an Allow.
    func testTheResourcesOwnUnknownNameIsAPlaceholderAndOtherEntriesAreWidened() throws {
        let name = UnknownValue("the name CloudFormation generates for B (AWS::S3::Bucket) at deploy time", at: .start)
        let at = SourcePosition.start
        func text(_ parts: [TextPart]) -> TemplateValue { TemplateValue.text(parts, at: at) }
        let statement = TemplateValue(.object([
            ("Effect", at, TemplateValue(.string("Allow"), at: at)),
            ("Principal", at, TemplateValue(.string("*"), at: at)),
            ("Action", at, TemplateValue(.string("s3:GetObject"), at: at)),
            ("Resource", at, TemplateValue(.array([text([.literal("arn:aws:s3:::"), .unknown(name), .literal("/*")]),
                                                   TemplateValue(.string("arn:aws:s3:::prod-*/*"), at: at),
                                                   TemplateValue(.string("arn:aws:sqs:us-east-1:111122223333:q"), at: at)]), at: at)),
        ]), at: at)
        let policy = TemplateValue(.object([("Statement", at, TemplateValue(.array([statement]), at: at))]), at: at)
        var approximation = UnknownValueApproximation(resourceUnknowns: [name.reason: "rampart-unknown-1"], resourceService: "s3")
        let json = try XCTUnwrap(approximation.approximate(policy).policy)
        let resources = try XCTUnwrap(parse(json)?.statements.first?.resources?.values)
        XCTAssertEqual(resources, ["arn:aws:s3:::rampart-unknown-1/*", "*", "arn:aws:sqs:us-east-1:111122223333:q"])
    }
}
