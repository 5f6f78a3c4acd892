@testable import Analysis
import Authorizer
import Policy
import XCTest
import Z3

/// "Outside the zone" has a concrete definition (`OutsideZone.contains`, which candidates,
/// the `*` class and the scan's replay check use) and a symbolic one (`OutsideZone.symbolic`, the query's `external`). They must agree on
/// every request the question can ask about: each request below is pinned in the query and the
/// solver says whether `external` holds, which must equal the concrete answer. The requests cover
/// every principal kind, accounts in and out of the zone, and services with source keys naming the
/// zone, another account, or nothing, in a resource policy and in a role's trust policy (where the
/// PassRole rule applies: IAM User Guide, "Grant a user permissions to pass a role to an AWS service").
final class OutsideZoneAgreementTests: XCTestCase {
    /// A policy that reads the source keys (so the symbolic evidence sees them) and names the services.
    private func policyText(action: String, resource: String?) -> String {
        let resourceField = resource.map { #", "Resource": "\#($0)""# } ?? ""
        return document(#"""
            {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "example-service.amazonaws.com"]}, "Action": "\#(action)"\#(resourceField),
             "Condition": {"StringLikeIfExists": {"aws:SourceAccount": "*", "aws:SourceArn": "*"}}}
            """#)
    }

    private var principals: [Principal] {
        [.anonymous, .accountRoot(ourAccount), .accountRoot(otherAccount),
         .role(arn: "arn:aws:iam::\(ourAccount):role/R"), .role(arn: "arn:aws:iam::\(otherAccount):role/R"),
         .user(arn: "arn:aws:iam::\(otherAccount):user/u"), .webIdentity(provider: "accounts.google.com"),
         .service("lambda.amazonaws.com"), .service("example-service.amazonaws.com")]
    }

    private var contexts: [RequestContext] {
        var ours = RequestContext(); ours["aws:SourceAccount"] = .string(ourAccount)
        var theirs = RequestContext(); theirs["aws:SourceAccount"] = .string(otherAccount)
        var theirArn = RequestContext(); theirArn["aws:SourceArn"] = .string("arn:aws:lambda:us-east-1:\(otherAccount):function:f")
        var ourArn = RequestContext(); ourArn["aws:SourceArn"] = .string("arn:aws:lambda:us-east-1:\(ourAccount):function:f")
        return [RequestContext(), ours, theirs, theirArn, ourArn]
    }

    private func check(_ type: ResourceType, arn: String, action: String, resourceField: String?, requestResource: String) throws {
        let parsed = try XCTUnwrap(policy(policyText(action: action, resource: resourceField), type: type.policyType))
        let resource = AnalyzedResource(arn: arn, type: type, account: ourAccount, policy: parsed)
        let context = try Z3Context()
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: context)
        var checked = 0
        for principal in principals {
            for stated in contexts {
                // Source keys come only with service requests (a realism fact of the query).
                if principal.kind != .awsService && !stated.isEmpty { continue }
                let request = Request(principal: principal, action: action, resource: requestResource,
                                      resourceAccount: ourAccount, context: stated)
                let concrete = OutsideZone.contains(request, type: type, zone: ourZone)
                let solver = try Z3Solver(context: context, timeoutMilliseconds: 60_000)
                try solver.assert(query.authorization.pin(request))
                try solver.assert(query.external)
                try solver.assert(query.authorization.wellFormedness())
                let result = try solver.check()
                XCTAssertFalse({ if case .unknown = result { return true }; return false }(), "solver gave up")
                XCTAssertEqual(result.isSat, concrete, "\(type.rawValue): \(RequestFile.encode(request))")
                checked += 1
            }
        }
        XCTAssertEqual(checked, principals.count - 2 + 2 * contexts.count)
    }

    func testResourcePolicy() throws {
        try check(.sqsQueue, arn: "arn:aws:sqs:us-east-1:111122223333:q", action: "sqs:SendMessage",
                  resourceField: "arn:aws:sqs:us-east-1:111122223333:q", requestResource: "arn:aws:sqs:us-east-1:111122223333:q")
    }

    func testRoleTrustPolicy() throws {
        try check(.iamRole, arn: "arn:aws:iam::111122223333:role/target", action: "sts:AssumeRole",
                  resourceField: nil, requestResource: "arn:aws:iam::111122223333:role/target")
    }
}
