import Analysis
import Authorizer
import Findings
import Foundation

/// Renders `rampart who-can` and `rampart what-can` (docs/CLI.md) as text for people and as
/// JSON: each way a principal reaches a resource, hop by hop, each hop's replayed request, and
/// what is UNPROVEN with its reason.
public enum AccessPathReport {
    struct HopRecord: Encodable {
        var caller: String
        var target: String
        var tagsFree: Bool
        /// "free", "absent" or "settingNow" (`SourceIdentityState`).
        var sourceIdentity: String
        var witness: JSONFragment?
        var unproven: String?
    }

    struct PathRecord: Encodable {
        var status: String
        var entry: String
        var fromOutside: Bool
        var entryWitness: JSONFragment?
        var entryUnproven: String?
        var hops: [HopRecord]
    }

    struct ReachRecord: Encodable {
        var principal: String?
        var resource: String
        var status: String
        var path: PathRecord?
        var unproven: [PathRecord]
    }

    struct WhatCanDocument: Encodable {
        var principal: String
        var resources: [ReachRecord]
        var roles: [String: PathRecord]
    }

    struct WhoCanDocument: Encodable {
        struct Outside: Encodable {
            var direct: String
            var findings: [AccessFindingRecord]
            var explanation: [String]
            var throughRoles: ReachRecord?
        }

        struct Closed: Encodable {
            var caller: String
            var target: String
            var blockedBy: [String]
            var closedBy: [ClosedBy]
        }

        /// Within one blocking layer, what closes the hop (`ClosingStatements`).
        struct ClosedBy: Encodable {
            struct Element: Encodable {
                var policy: String
                var statement: Int
                var sid: String?
                var effect: String
                var condition: String?
            }

            var layer: String
            var policies: [String]
            /// Absent when not determined (`undetermined` says why).
            var statements: [Element]?
            var undetermined: String?
        }

        var resource: String
        var type: String
        var outside: Outside
        var inside: [ReachRecord]
        /// Why the roles reached from outside do not reach it (the nearest candidates).
        var closedFromOutside: [Closed]
        /// Roles no path to it could pass through, by the screen: not searched, not explained.
        var rolesNotLeading: Int
        /// Roles that reach it from inside and that no outside principal may assume, and why.
        var notEnteredFromOutside: [NotEntered]

        struct NotEntered: Encodable {
            var role: String
            var trust: String
            var explanation: [String]
        }
    }

    static func record(_ path: AccessPathSearch.Path) -> PathRecord {
        PathRecord(status: path.isProved ? "REACHABLE" : "UNPROVEN", entry: path.entry.roleARN, fromOutside: !path.entry.inside,
                   entryWitness: path.entry.witness.map(JSONFragment.init(request:)), entryUnproven: path.entry.unproven,
                   hops: path.hops.map { HopRecord(caller: $0.caller, target: $0.target, tagsFree: $0.tagsFree,
                                                    sourceIdentity: $0.sourceIdentity.rawValue, witness: $0.witness.map(JSONFragment.init(request:)), unproven: $0.unproven) })
    }

    static func record(_ reach: AccessPathSearch.Reach, principal: String?) -> ReachRecord {
        ReachRecord(principal: principal, resource: reach.resource, status: reach.path != nil ? "REACHABLE" : "UNPROVEN",
                    path: reach.path.map(record), unproven: reach.unproven.map(record))
    }

    public static func whatCanJSON(principal: String, result: AccessPathSearch.Result) -> String {
        ReportJSON.encode(WhatCanDocument(principal: principal, resources: result.reaches.map { record($0, principal: nil) },
                                          roles: result.roles.mapValues(record)))
    }

    public static func whoCanJSON(_ answer: AccessModel.WhoCan) -> String {
        let type = answer.resource.type
        return ReportJSON.encode(WhoCanDocument(
            resource: answer.resource.arn, type: type.rawValue,
            outside: .init(direct: answer.outsideDirect.status.rawValue,
                           findings: answer.outsideDirect.findings.map { AccessFindingRecord($0, resourceType: type) },
                           explanation: answer.outsideDirect.explanation,
                           throughRoles: answer.outsideThroughRoles.map { record($0, principal: nil) }),
            inside: answer.inside.keys.sorted().compactMap { caller in answer.inside[caller].map { record($0, principal: caller) } },
            closedFromOutside: answer.closedFromOutside.map {
                .init(caller: $0.caller, target: $0.target, blockedBy: $0.blockers, closedBy: $0.closing.map { closing in
                    .init(layer: closing.layer, policies: closing.policies,
                          statements: closing.elements?.map { .init(policy: $0.policy, statement: $0.index, sid: $0.sid, effect: $0.effect,
                                                                    condition: $0.condition) },
                          undetermined: closing.undetermined)
                })
            },
            rolesNotLeading: answer.rolesNotLeading,
            notEnteredFromOutside: answer.notEnteredFromOutside.map { .init(role: $0.role, trust: $0.trust.rawValue, explanation: $0.explanation) }))
    }

    public static func whatCanText(principal: String, result: AccessPathSearch.Result) -> String {
        var lines = ["what \(principal) can reach, directly or through roles"]
        if result.reaches.isEmpty && result.roles.isEmpty { lines.append("nothing: every edge from it is proved closed") }
        for reach in result.reaches { lines += text(reach, title: reach.resource) }
        for role in result.roles.keys.sorted() {
            guard let path = result.roles[role] else { continue }
            lines.append("")
            lines.append("assumes \(role)\(path.isProved ? "" : " (UNPROVEN)")")
            lines += hops(path)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func whoCanText(_ answer: AccessModel.WhoCan) -> String {
        let resource = answer.resource
        var lines = ["who can reach \(resource.type.rawValue) \(resource.arn), directly or through roles", "",
                     "outside the zone, directly: \(answer.outsideDirect.status.rawValue)"]
        for finding in answer.outsideDirect.findings {
            lines.append("  \(finding.principal) (\(finding.principalKind.rawValue)): \(finding.actions.prefix(5).joined(separator: ", "))\(finding.actions.count > 5 ? ", …" : "")")
        }
        if answer.outsideDirect.status != .externalAccess { lines += answer.outsideDirect.explanation.map { "  \($0)" } }
        if let through = answer.outsideThroughRoles {
            lines += text(through, title: "outside the zone, through roles")
        } else {
            lines += ["", "outside the zone, through roles: none (every hop from the roles outsiders may assume is proved closed)"]
        }
        for hop in answer.closedFromOutside {
            let why = hop.blockers.isEmpty ? "closed; no single layer opens it (several close it together)"
                                           : "closed; it would open if any one of these changed: " + hop.blockers.joined(separator: "; ")
            lines.append("  \(hop.caller) → \(hop.target): \(why)")
            lines += hop.closing.map { "    " + text($0) }
        }
        if answer.rolesNotLeading > 0 {
            lines.append("  \(answer.rolesNotLeading) other role\(answer.rolesNotLeading == 1 ? "" : "s") of the snapshot cannot lead to it: "
                         + "no statement of theirs, nor of a role they could assume, could grant it, and its policy names none of them")
        }
        for role in answer.notEnteredFromOutside {
            lines.append("  \(role.role) reaches it, but no outside principal may assume it (its trust policy: \(role.trust.rawValue)):")
            lines += role.explanation.map { "    \($0)" }
        }
        if answer.inside.isEmpty { lines += ["", "inside: no user or role of the snapshot reaches it"] }
        for caller in answer.inside.keys.sorted() {
            guard let reach = answer.inside[caller] else { continue }
            lines += text(reach, title: caller)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One blocking layer's closing statements in a line.
    static func text(_ closing: ClosingStatements) -> String {
        let policies = closing.policies.isEmpty ? "" : " (\(closing.policies.joined(separator: ", ")))"
        guard let elements = closing.elements else {
            return "within \(closing.layer)\(policies): the statements that close it were not determined (\(closing.undetermined ?? "unknown"))"
        }
        guard !closing.policies.isEmpty else { return "within \(closing.layer): there is none" }
        guard !elements.isEmpty else {
            return "within \(closing.layer)\(policies): no Deny statement or condition is involved — no Allow statement grants such a request (by its actions, resources or principals)"
        }
        let named = elements.map { element -> String in
            let statement = "statement \(element.index)" + (element.sid.map { " \"\($0)\"" } ?? "") + " (\(element.effect)) of \(element.policy)"
            return element.condition.map { "the condition \($0) of \(statement)" } ?? statement
        }
        return "within \(closing.layer): closed by " + named.joined(separator: " together with ")
    }

    private static func text(_ reach: AccessPathSearch.Reach, title: String) -> [String] {
        var lines = ["", "\(title): \(reach.path != nil ? "REACHABLE" : "UNPROVEN")"]
        if let path = reach.path { lines += hops(path) }
        for path in reach.unproven.prefix(reach.path == nil ? 3 : 0) { lines += hops(path) }
        return lines
    }

    private static func hops(_ path: AccessPathSearch.Path) -> [String] {
        var lines: [String] = []
        if !path.entry.inside {
            let who = path.entry.witness.map { $0.principal.arn ?? $0.principal.provider ?? $0.principal.account ?? $0.principal.kind.rawValue }
                ?? "an outside principal"
            lines.append("  \(who) assumes \(path.entry.roleARN)\(path.entry.unproven.map { " — UNPROVEN: \($0)" } ?? "")")
        }
        for hop in path.hops {
            let how = hop.witness.map { " (\($0.action) on \($0.resource))" } ?? ""
            let sourceIdentity = hop.sourceIdentity == .settingNow ? ", sets a source identity" : hop.sourceIdentity == .absent ? ", no source identity" : ""
            lines.append("  \(hop.caller) → \(hop.target)\(how)\(hop.tagsFree ? ", session tags free" : "")\(sourceIdentity)\(hop.unproven.map { " — UNPROVEN: \($0)" } ?? "")")
        }
        return lines
    }
}
