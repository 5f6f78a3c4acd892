import Analysis
import Authorizer

/// Moving an answer found for a canonical form (`CanonicalResource`) back to the resource: the
/// same swap applied to every value the answer carries — principals, conditions, the witness
/// request's values, cited Sids, explanation text. Actions and context keys are names and stay.
extension ExternalAccessResult {
    func renamed(by swap: TokenSwap) -> ExternalAccessResult {
        guard !swap.isIdentity else { return self }
        var result = self
        result.findings = findings.map { $0.renamed(by: swap) }
        result.explanation = explanation.map(swap.apply)
        return result
    }
}

extension ExternalAccessFinding {
    func renamed(by swap: TokenSwap) -> ExternalAccessFinding {
        var finding = self
        finding.principal = swap.apply(principal)
        finding.conditions = conditions.map(swap.apply)
        finding.witness = witness.renamed(by: swap)
        finding.statements = statements.map { StatementReference(policy: swap.apply($0.policy), index: $0.index, sid: $0.sid.map(swap.apply)) }
        return finding
    }
}

extension Request {
    func renamed(by swap: TokenSwap) -> Request {
        var request = self
        request.principal = principal.renamed(by: swap)
        request.resource = swap.apply(resource)
        request.resourceAccount = resourceAccount.map(swap.apply)
        var context = RequestContext()
        for entry in self.context.entries {
            context.set(entry.key, values: entry.values.map { ContextValue(text: swap.apply($0.text), type: $0.type) },
                        multivalued: entry.isMultivalued)
        }
        request.context = context
        return request
    }
}

extension Principal {
    func renamed(by swap: TokenSwap) -> Principal {
        var principal = self
        principal.arn = arn.map(swap.apply)
        principal.account = account.map(swap.apply)
        principal.roleArn = roleArn.map(swap.apply)
        principal.serviceName = serviceName.map(swap.apply)
        principal.provider = provider.map(swap.apply)
        principal.canonicalUserID = canonicalUserID.map(swap.apply)
        principal.userID = userID.map(swap.apply)
        principal.orgID = orgID.map(swap.apply)
        principal.orgPaths = orgPaths.map(swap.apply)
        principal.tags = tags.mapValues(swap.apply)
        return principal
    }
}
