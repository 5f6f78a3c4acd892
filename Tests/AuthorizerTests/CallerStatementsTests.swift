import XCTest
@testable import Authorizer
import Policy

/// `CallerStatements`: an `Allow` statement whose principal element does not reach the caller
/// applies to none of its requests (IAM User Guide, "AWS JSON policy elements: Principal"), so
/// the narrowed policies decide the caller's requests as the whole ones do.
final class CallerStatementsTests: XCTestCase {
    static let bucket = "arn:aws:s3:::b"
    let policy = parsePolicy("""
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*"},
          {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777788889999:role/R"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"},
          {"Sid": "C", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
          {"Sid": "D", "Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
           "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}},
          {"Sid": "E", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::777788889999:root"}, "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"},
          {"Sid": "F", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/public/*",
           "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
          {"Sid": "G", "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
           "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}
        ]}
        """, type: .resource)

    private func sids(_ policies: PolicySet) -> [String] {
        policies.resourcePolicy?.statements.compactMap { $0.sid?.value } ?? []
    }

    /// Worked by hand from the Principal page: a role of 777788889999 is named by B (its ARN),
    /// by D (NotPrincipal exempts only 444455556666's root) and by F (`*`); E is a Deny, kept.
    func testKeepsWhatCanNameTheCaller() {
        let policies = PolicySet(resourcePolicy: policy)
        // G (bound to account 111122223333 by its condition) is kept whatever the caller: a request
        // may state aws:PrincipalAccount itself, which `narrowed(_:to:)` does not know.
        XCTAssertEqual(sids(CallerStatements.narrowed(policies, to: .role(arn: "arn:aws:iam::777788889999:role/R"))), ["B", "D", "E", "F", "G"])
        // The account 444455556666 names its user (A); D's NotPrincipal names only the account's
        // root link, so a user of the account is not exempted (the chain has the user too).
        XCTAssertEqual(sids(CallerStatements.narrowed(policies, to: .user(arn: "arn:aws:iam::444455556666:user/u"))), ["A", "D", "E", "F", "G"])
        XCTAssertEqual(sids(CallerStatements.narrowed(policies, to: .accountRoot("444455556666"))), ["A", "E", "F", "G"])
        XCTAssertEqual(sids(CallerStatements.narrowed(policies, to: .service("cloudfront.amazonaws.com"))), ["C", "D", "E", "F", "G"])
        XCTAssertEqual(sids(CallerStatements.narrowed(policies, to: .anonymous)), ["D", "E", "F", "G"])
        // For requests that do not state aws:PrincipalAccount, G only for callers of 111122223333
        // (the key is the caller's account, absent for anonymous callers and services).
        let index = CallerStatements(policies)
        func kept(_ principal: Principal) -> [String] { sids(index.policies(for: .init(principal: principal, statesAccount: false))) }
        XCTAssertEqual(kept(.role(arn: "arn:aws:iam::777788889999:role/R")), ["B", "D", "E", "F"])
        XCTAssertEqual(kept(.user(arn: "arn:aws:iam::111122223333:user/z")), ["D", "E", "F", "G"])
        XCTAssertEqual(kept(.anonymous), ["D", "E", "F"])
    }

    /// The same decision, matched statements included, for every request of a grid of callers,
    /// actions, resources and contexts.
    func testDecidesEveryRequestAsTheWholePolicies() {
        let policies = PolicySet(resourcePolicy: policy)
        let callers: [Principal] = [
            .accountRoot("444455556666"), .user(arn: "arn:aws:iam::444455556666:user/u"),
            .role(arn: "arn:aws:iam::777788889999:role/R"),
            .assumedRole(roleArn: "arn:aws:iam::777788889999:role/R", sessionName: "s"),
            .accountRoot("777788889999"), .service("cloudfront.amazonaws.com"), .anonymous,
            .user(arn: "arn:aws:iam::111122223333:user/z"),
            Principal(kind: .iamUser, arn: "arn:aws:iam::123456789012:user/x", account: "123456789012", orgID: "o-abcdefghij"),
        ]
        let actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketPolicy"]
        let resources = ["arn:aws:s3:::b", "arn:aws:s3:::b/k", "arn:aws:s3:::b/public/k"]
        var contexts = [RequestContext(), RequestContext(), RequestContext()]
        contexts[1]["aws:SecureTransport"] = .bool(true)
        // A request stating the key itself replaces the caller's (`Request.effectiveContext`).
        contexts[2]["aws:PrincipalAccount"] = .string("111122223333")
        let index = CallerStatements(policies)
        var allowed = 0
        for caller in callers {
            let narrowed = CallerStatements.narrowed(policies, to: caller)
            for action in actions {
                for resource in resources {
                    for context in contexts {
                        let request = Request(principal: caller, action: action, resource: resource, context: context)
                        let whole = Authorizer.evaluate(request, policies: policies)
                        XCTAssertEqual(Authorizer.evaluate(request, policies: narrowed), whole, "\(caller) \(action) \(resource)")
                        XCTAssertEqual(Authorizer.evaluate(request, policies: index.policies(for: .init(request))), whole,
                                       "\(caller) \(action) \(resource) \(context)")
                        if whole.isAllowed { allowed += 1 }
                    }
                }
            }
        }
        // The grid reaches both outcomes (a comparison of denials alone would prove little).
        XCTAssertGreaterThan(allowed, 10)
    }
}
