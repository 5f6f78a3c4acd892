import Analysis
import Environment

/// How a scan judges one resource from the analyses of its policy's readings and from what of
/// it could not be read. Unknown is never safe: a part that could not be read makes a resource
/// without findings UNPROVEN, and any doubt about the list of findings marks it incomplete, so
/// that earlier findings it no longer lists are carried over rather than resolved.
struct ResourceVerdict {
    var status: ResourceOutcome.Status
    var explanation: [String]
    var complete: Bool

    /// `results[i]` is the analysis of `readings[i]`; `unknownRCPs` says why the RCPs were left out.
    static func judge(_ results: [ExternalAccessResult], readings: [SnapshotResource], resource: SnapshotResource,
                      unknownRCPs: String?) -> ResourceVerdict {
        var verdict: ResourceVerdict
        if results.count == 1, let only = results.first {
            verdict = ResourceVerdict(status: status(only.status), explanation: only.explanation, complete: only.complete)
            if !only.complete && only.status == .externalAccess && only.explanation.isEmpty {
                verdict.explanation.append("Enumeration stopped early (the finding cap): other external accesses may exist.")
            }
        } else {
            verdict = union(results, readings: readings)
        }
        if !resource.unknownParts.isEmpty {
            verdict.complete = false
            let parts = resource.unknownParts.joined(separator: "; ")
            if verdict.status == .noExternalAccess {
                verdict.status = .unproven
                verdict.explanation = ["Not proven: \(parts). What was read grants no external access."]
            } else {
                verdict.explanation.append("Findings may be incomplete: \(parts).")
            }
        }
        if let unknownRCPs {
            if verdict.status == .noExternalAccess {
                verdict.explanation.append("Proven without the RCPs, which were left out because \(unknownRCPs) (RCPs can only remove access).")
            } else {
                verdict.complete = false
                verdict.explanation.append("RCPs left out because \(unknownRCPs): findings an RCP would deny may be listed, and earlier findings are kept.")
            }
        }
        return verdict
    }

    /// Several readings of one policy (`PolicyReading`): external when any reading is, proven
    /// only when every reading is, otherwise unproven or error; complete only when every
    /// reading's list is.
    /// A bucket's verdict with the analyses of the access points attached to it: a finding through
    /// one is external access; an access point whose analysis did not finish leaves the verdict
    /// incomplete, and a proof without findings UNPROVEN.
    /// `accessPointAccountsKnown` (`AccessPointAttachment.knownAccounts`) says, in a proof, why
    /// requests through those accounts' access points were not part of the bucket's own question.
    mutating func include(accessPointRoutes routes: [ExternalAccessResult], accessPointAccountsKnown: [String] = []) {
        defer {
            if status == .noExternalAccess && !accessPointAccountsKnown.isEmpty {
                explanation.append("Requests made to the bucket itself carry no access point keys (s3:DataAccessPointArn, "
                                   + "s3:DataAccessPointAccount); the access points of \(accessPointAccountsKnown.joined(separator: ", ")) "
                                   + "are listed whole and \(routes.count) of them lead to it, each judged with its own policy.")
            }
        }
        for route in routes {
            if route.isExternal {
                if status != .externalAccess { explanation = [] }
                status = .externalAccess
            }
            let finished = route.complete && (route.status == .externalAccess || route.status == .noExternalAccess)
            if !finished {
                complete = false
                let reason = route.explanation.joined(separator: " ")
                if status == .noExternalAccess {
                    status = .unproven
                    explanation = ["Not proven through an access point: \(reason)"]
                } else {
                    explanation.append("Findings through an access point may be incomplete: \(reason)")
                }
            }
        }
    }

    private static func union(_ results: [ExternalAccessResult], readings: [SnapshotResource]) -> ResourceVerdict {
        let statuses = results.map { ResourceVerdict.status($0.status) }
        let complete = results.allSatisfy { $0.complete && ($0.status == .externalAccess || $0.status == .noExternalAccess) }
        let judged: ResourceOutcome.Status
        if statuses.contains(.externalAccess) {
            judged = .externalAccess
        } else if statuses.contains(.error) {
            judged = .error
        } else if statuses.contains(.unproven) {
            judged = .unproven
        } else {
            judged = .noExternalAccess
        }
        var explanation = ["The snapshot holds \(results.count) different policies for this resource; it is judged on all of them."]
        for (result, reading) in zip(results, readings) {
            let place = reading.policyDocument.map { "\($0.file) \($0.jsonPath)" } ?? "a reading"
            explanation += result.explanation.map { "\(place): \($0)" }
        }
        return ResourceVerdict(status: judged, explanation: explanation, complete: complete)
    }

    static func status(_ status: ExternalAccessResult.Status) -> ResourceOutcome.Status {
        switch status {
        case .externalAccess: return .externalAccess
        case .noExternalAccess: return .noExternalAccess
        case .unproven: return .unproven
        case .error: return .error
        }
    }
}
