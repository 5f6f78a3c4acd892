import Authorizer
import Policy

/// The findings of a bucket reached through an access point (`AnalyzedResource.accessPoint`):
/// named by the access point, as Access Analyzer's `sources` name it (`S3_ACCESS_POINT` for an
/// access point of the bucket owner's account, `S3_ACCESS_POINT_ACCOUNT` for one of another
/// account, with the access point's ARN and, cross-account, its account in the detail;
/// https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingSource.html), and
/// replayed against the access point policy as written.
///
/// The question itself evaluates the access point policy rewritten to name the bucket's
/// resources (`AccessPointPolicyTranslation`); the replay asks the Authorizer about the witness
/// on the access point form of its resource (`S3AccessPoint.accessPointForm`) against the policy
/// as the user wrote it, so a finding never rests on the rewriting alone. A witness it refuses
/// is an internal error (UNPROVEN), never a finding.
enum AccessPointFindings {
    static func attribute(_ result: ExternalAccessResult, to resource: AnalyzedResource) -> ExternalAccessResult {
        guard let accessPoint = resource.accessPoint else { return result }
        let crossAccount = accessPoint.isCrossAccount(bucketOwner: resource.account)
        var result = result
        var findings: [ExternalAccessFinding] = []
        for var finding in result.findings {
            finding.source = crossAccount ? .s3AccessPointAccount : .s3AccessPoint
            finding.sourceDetail = FindingSourceDetail(accessPointArn: accessPoint.arn,
                                                       accessPointAccount: crossAccount ? accessPoint.account : nil,
                                                       networkOrigin: accessPoint.networkOrigin?.rawValue)
            if !crossAccount {
                guard let matched = replay(finding.witness, through: accessPoint, bucketARN: resource.arn) else {
                    var request = finding.witness
                    request.resource = accessPoint.accessPointForm(of: request.resource, bucketARN: resource.arn) ?? request.resource
                    return ExternalAccessResult(status: .unproven, findings: [], explanation: [
                        AnalysisError.witnessRejected(RequestFile.encode(request)).description
                            + " (replayed against the access point policy of \(accessPoint.arn))",
                    ], complete: false, solverCalls: result.solverCalls)
                }
                let references = matched.map { StatementReference(policy: $0.policy, index: $0.statementIndex, sid: $0.sid) }
                finding.statements = Array(Set(finding.statements + references)).sorted()
                let statements = accessPoint.policy?.statements ?? []
                let conditions = matched.compactMap { match in statements.first { $0.index == match.statementIndex } }
                    .flatMap { $0.conditions.map(ConditionText.describe) }
                finding.conditions = Array(Set(finding.conditions + conditions)).sorted()
            }
            findings.append(finding)
        }
        result.findings = findings
        if let origin = accessPoint.networkOrigin, origin == .vpc, !findings.isEmpty {
            result.explanation.append("The access point \(accessPoint.arn) takes requests from its VPC only "
                + "(network origin VPC): these callers reach the bucket from inside that VPC, not from the internet.")
        }
        return result
    }

    /// The access point policy's Allow statements that allow `witness` on the access point form of
    /// its resource (the caller's identity policies assumed to allow); nil when it does not allow it.
    static func replay(_ witness: Request, through accessPoint: S3AccessPoint, bucketARN: String) -> [MatchedStatement]? {
        guard let resource = accessPoint.accessPointForm(of: witness.resource, bucketARN: bucketARN) else { return nil }
        let policy = accessPoint.policy ?? Policy(source: "access point \(accessPoint.arn) (no policy)", type: .resource, statements: [])
        var request = witness
        request.resource = resource
        let decision = Authorizer.evaluate(request, policies: PolicySet(resourcePolicy: policy))
        guard decision.outcome == .allow else { return nil }
        return decision.matchedStatements.filter { $0.effect == .allow && $0.role == .resource }
    }
}
