import Findings
import Foundation
import XCTest

/// `rampart who-can` and `rampart what-can` on Models/role-chains: each resource's answer through
/// roles exactly as Models/role-chains/EXPECTED.md works it out by hand (issue 18).
final class AccessPathCommandTests: XCTestCase {
    private let model = ScanRunner.model("role-chains")
    private func role(_ name: String) -> String { "arn:aws:iam::210000000002:role/\(name)" }

    private func whoCan(_ resource: String) throws -> (status: Int32, document: [String: Any]) {
        let result = try ScanRunner.rampart(["who-can", model, "--resource", resource, "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, try XCTUnwrap(document, result.stderr))
    }

    /// The callers of a path, from its entry to the last hop's caller, then the last target.
    private func chain(_ path: [String: Any]?) -> [String] {
        guard let path, let entry = path["entry"] as? String, let hops = path["hops"] as? [[String: Any]] else { return [] }
        return [entry] + hops.compactMap { $0["target"] as? String }
    }

    func testTheScanHasExactlyTheThreeTrustFindings() throws {
        let out = try ScanRunner.temporaryDirectory()
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: model, zone: "organization", out: out))
        XCTAssertEqual(result.status, 0, result.stderr)
        try ExpectedFindings(model: model).assertMatches(try ScanRunner.json(out.appendingPathComponent("findings.json")))
    }

    func testReachableThroughRolesExactlyWhereTheChainsHold() throws {
        let data = try whoCan("arn:aws:s3:::chains-data")
        XCTAssertEqual(data.status, 1, "outside reaches it through roles")
        let outside = data.document["outside"] as? [String: Any]
        XCTAssertEqual(outside?["direct"] as? String, "NO_EXTERNAL_ACCESS")
        let through = outside?["throughRoles"] as? [String: Any]
        XCTAssertEqual(through?["status"] as? String, "REACHABLE")
        let path = through?["path"] as? [String: Any]
        XCTAssertEqual(chain(path), [role("PartnerAccess"), role("DataRole"), "arn:aws:s3:::chains-data"])
        XCTAssertEqual(((path?["entryWitness"] as? [String: Any])?["context"] as? [String: Any])?["sts:ExternalId"] as? String, "chains-7q2")
        // From outside the source identity is the outsider's choice: free on every hop (docs/CLI.md).
        XCTAssertEqual((path?["hops"] as? [[String: Any]])?.compactMap { $0["sourceIdentity"] as? String }, ["free", "free"])
        let inside = (data.document["inside"] as? [[String: Any]] ?? []).compactMap { $0["principal"] as? String }
        XCTAssertEqual(inside, [role("DataRole"), role("PartnerAccess")])

        let vault = try whoCan("arn:aws:s3:::chains-vault")
        XCTAssertEqual(vault.status, 1)
        let vaultPath = ((vault.document["outside"] as? [String: Any])?["throughRoles"] as? [String: Any])?["path"] as? [String: Any]
        XCTAssertEqual(chain(vaultPath), [role("TaggedEntry"), role("TagGated"), "arn:aws:s3:::chains-vault"])
        XCTAssertEqual((vaultPath?["hops"] as? [[String: Any]])?.first?["tagsFree"] as? Bool, true, "the partner passes the session tag")
        XCTAssertEqual((vault.document["inside"] as? [[String: Any]] ?? []).compactMap { $0["principal"] as? String }, [role("TagGated")])

        let secret = try whoCan("arn:aws:secretsmanager:us-east-1:210000000002:secret:chains/app-AbCdEf")
        XCTAssertEqual(secret.status, 1)
        let secretPath = ((secret.document["outside"] as? [String: Any])?["throughRoles"] as? [String: Any])?["path"] as? [String: Any]
        XCTAssertEqual(chain(secretPath), [role("WebApp"), "arn:aws:secretsmanager:us-east-1:210000000002:secret:chains/app-AbCdEf"])
    }

    /// A resource policy's Deny, a boundary, an SCP and an RCP each break their chain: no path,
    /// from outside or inside, and exit 0 (proved). Why (EXPECTED.md): the one layer that closes
    /// each chain's last hop, and within it the statement that closes it (worked by hand from the
    /// policies; an empty list: no statement of the layer matches such a request at all).
    func testBrokenChainsReachNothing() throws {
        let boundary = "accounts/210000000002/iam/get-account-authorization-details.json#$.Policies[0].PolicyVersionList[0].Document"
        let reasons: [(bucket: String, caller: String, reason: String, layer: String, policies: [String], statements: [String])] = [
            ("chains-logs", role("DataRole"), "a Deny statement of the resource's policy", "the resource's policy",
             ["accounts/210000000002/s3/chains-logs.get-bucket-policy.json"],
             ["accounts/210000000002/s3/chains-logs.get-bucket-policy.json 1 NoDataRole Deny"]),
            ("chains-bounded", role("BoundedRole"), "the caller's permissions boundary", "the caller's permissions boundary", [boundary], []),
            ("chains-sealed-target", "arn:aws:iam::210000000003:role/SealedRole", "the SCPs on the caller's account's path",
             "the SCPs on the caller's account's path",
             ["organization/policies/p-FullAWSAccess.describe-policy.json", "organization/policies/p-sealednos3.describe-policy.json"],
             ["organization/policies/p-sealednos3.describe-policy.json 1 NoS3 Deny"]),
            ("chains-protected", role("DataRole"), "the RCPs on the resource's account's path", "the RCPs on the resource's account's path",
             ["organization/policies/p-RCPFullAWSAccess.describe-policy.json", "organization/policies/p-dataperimeter.describe-policy.json"],
             ["organization/policies/p-dataperimeter.describe-policy.json 1 DataAccountPrincipalsOnly Deny"]),
        ]
        for expected in reasons {
            let bucket = expected.bucket
            let answer = try whoCan("arn:aws:s3:::\(bucket)")
            XCTAssertEqual(answer.status, 0, bucket)
            let outside = answer.document["outside"] as? [String: Any]
            XCTAssertEqual(outside?["direct"] as? String, "NO_EXTERNAL_ACCESS", bucket)
            XCTAssertNil(outside?["throughRoles"] as? [String: Any], bucket)
            XCTAssertEqual((answer.document["inside"] as? [[String: Any]])?.count, 0, bucket)
            let closed = answer.document["closedFromOutside"] as? [[String: Any]] ?? []
            let hop = closed.first { $0["caller"] as? String == expected.caller }
            XCTAssertEqual((hop?["blockedBy"] as? [String])?.first, expected.reason, bucket)
            let within = (hop?["closedBy"] as? [[String: Any]])?.first
            XCTAssertEqual(within?["layer"] as? String, expected.layer, bucket)
            XCTAssertEqual(within?["policies"] as? [String], expected.policies, bucket)
            XCTAssertNil(within?["undetermined"], bucket)
            let statements = (within?["statements"] as? [[String: Any]])?.map { element in
                ["policy", "statement", "sid", "effect"].map { "\(element[$0] ?? "-")" }.joined(separator: " ")
                    + ((element["condition"] as? String).map { " " + $0 } ?? "")
            }
            XCTAssertEqual(statements, expected.statements, bucket)
        }
    }

    /// "No path" is explained for the nearest candidates only: the roles from which a path to the
    /// bucket could lead by the screen. For `chains-logs` (worked from the roles' inline policies):
    /// `DataRole` allows `s3:GetObject` on `chains-logs/*` in its own account, and `PartnerAccess`
    /// may assume `DataRole`; no statement of the seven others (`BoundedRole`: `chains-bounded`
    /// only; `LoopA`/`LoopB`/`TaggedEntry`: `sts:AssumeRole` on roles that lead nowhere near it;
    /// `TagGated`: `chains-vault`; `WebApp`: a secret; `SealedRole`, another account, which the
    /// bucket's policy does not name) could grant a request on it, so they are counted, not explained.
    func testNoPathIsExplainedForTheNearestCandidates() throws {
        let answer = try whoCan("arn:aws:s3:::chains-logs")
        XCTAssertEqual(answer.status, 0)
        let closed = (answer.document["closedFromOutside"] as? [[String: Any]] ?? []).compactMap { $0["caller"] as? String }
        XCTAssertEqual(Set(closed), [role("PartnerAccess"), role("DataRole")])
        XCTAssertEqual(answer.document["rolesNotLeading"] as? Int, 7)
        let text = try ScanRunner.rampart(["who-can", model, "--resource", "arn:aws:s3:::chains-logs"])
        XCTAssertTrue(text.stdout.contains("7 other roles of the snapshot cannot lead to it"), text.stdout)
    }

    func testWhatThePartnersRoleReaches() throws {
        let result = try ScanRunner.rampart(["what-can", model, "--principal", role("PartnerAccess"), "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((document["resources"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? String }, ["arn:aws:s3:::chains-data"])
        // Every role it may assume, directly or in a chain; not SealedRole's bucket (SCP), not TagGated (no tag).
        XCTAssertEqual((document["roles"] as? [String: Any])?.keys.sorted(),
                       [role("BoundedRole"), role("DataRole"), role("LoopA"), role("LoopB"), "arn:aws:iam::210000000003:role/SealedRole"])
        let unknown = try ScanRunner.rampart(["what-can", model, "--principal", role("Nobody")])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no such user or role"), unknown.stderr)
    }

    /// `scan --access-paths`: the three trust findings plus one ROLE_CHAIN finding per chain that
    /// holds (EXPECTED.md), each with its path; a second run over the first keeps their ids.
    func testScanWithAccessPathsAddsTheChainsAsFindings() throws {
        let first = try ScanRunner.temporaryDirectory()
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: model, zone: "organization", out: first) + ["--access-paths"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try ScanRunner.json(first.appendingPathComponent("findings.json"))
        let findings = report["findings"] as? [[String: Any]] ?? []
        let chains = findings.filter { $0["source"] as? String == "ROLE_CHAIN" }
        let described = Set(chains.map { finding -> String in
            let path = (finding["accessPath"] as? [[String: Any]] ?? []).compactMap { $0["target"] as? String }
            return "\(finding["principal"] as? String ?? "") \(finding["actions"] as? [String] ?? []) " + path.joined(separator: " > ")
        })
        XCTAssertEqual(described, [
            "999900001111 [\"s3:GetObject\"] \(role("PartnerAccess")) > \(role("DataRole")) > arn:aws:s3:::chains-data",
            "999900001111 [\"s3:GetObject\"] \(role("TaggedEntry")) > \(role("TagGated")) > arn:aws:s3:::chains-vault",
            "cognito-identity.amazonaws.com [\"secretsmanager:GetSecretValue\"] \(role("WebApp")) > arn:aws:secretsmanager:us-east-1:210000000002:secret:chains/app-AbCdEf",
        ])
        XCTAssertEqual(findings.count - chains.count, 3, "the scan's own three trust findings")
        // A ROLE_CHAIN id is the resource's, the principal's, the conditions', the source's and
        // the path's roles' (docs/REPORTS.md, "Finding ids"), not its witness's action: the id
        // with no action, never the one with the action shown.
        for finding in chains {
            let resource = finding["resource"] as? String ?? "", principal = finding["principal"] as? String ?? ""
            let conditions = finding["conditions"] as? [String] ?? []
            let roles = (finding["accessPath"] as? [[String: Any]] ?? []).dropLast().compactMap { $0["target"] as? String }
            XCTAssertEqual(finding["id"] as? String, FindingIdentity.id(resource: resource, principal: principal, actions: [],
                                                                        conditions: conditions, source: .roleChain, roles: roles))
            XCTAssertNotEqual(finding["id"] as? String, FindingIdentity.id(resource: resource, principal: principal,
                                                                           actions: finding["actions"] as? [String] ?? [],
                                                                           conditions: conditions, source: .roleChain, roles: roles))
        }
        // The reached resources' outcomes say so; the broken chains' resources stay proved safe.
        let resources = Dictionary(uniqueKeysWithValues: (report["resources"] as? [[String: Any]] ?? []).compactMap { entry in
            (entry["arn"] as? String).map { ($0, entry["status"] as? String ?? "") }
        })
        XCTAssertEqual(resources["arn:aws:s3:::chains-data"], "EXTERNAL_ACCESS")
        for bucket in ["chains-logs", "chains-bounded", "chains-sealed-target", "chains-protected"] {
            XCTAssertEqual(resources["arn:aws:s3:::\(bucket)"], "NO_EXTERNAL_ACCESS", bucket)
        }
        let markdown = try String(contentsOf: first.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("Path through roles, hop by hop"))
        SARIFStructure.assertValid(try ScanRunner.json(first.appendingPathComponent("findings.sarif")))

        let second = try ScanRunner.temporaryDirectory()
        let again = try ScanRunner.rampart(ScanRunner.scanArguments(model: model, zone: "organization", out: second)
                                           + ["--access-paths", "--previous", first.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        let secondFindings = try ScanRunner.json(second.appendingPathComponent("findings.json"))["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(secondFindings.compactMap { $0["id"] as? String }), Set(findings.compactMap { $0["id"] as? String }))
        XCTAssertTrue(secondFindings.allSatisfy { $0["isNew"] as? Bool == false && $0["status"] as? String == "ACTIVE" })
    }
}
